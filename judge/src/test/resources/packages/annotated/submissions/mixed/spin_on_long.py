# @EXPECTED_RESULTS@: TIMELIMIT
line = input()
while len(line) > 5:
    pass
print(line)
