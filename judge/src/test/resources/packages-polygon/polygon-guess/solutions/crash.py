print("? 500000", flush=True)
input()
raise RuntimeError("gave up after one query")
