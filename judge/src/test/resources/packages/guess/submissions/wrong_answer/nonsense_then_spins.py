# Says something that is not a number; the validator rejects it and leaves at once, while this keeps
# computing until it runs out of time. The validator spoke first: WA, as problemtools judges it.
print("many", flush=True)
n = 0
while True:
    n += 1
