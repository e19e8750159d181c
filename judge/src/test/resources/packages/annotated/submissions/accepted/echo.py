# DOMjudge style: the expected verdict is in the source; in accepted/ it agrees with the folder
# @EXPECTED_RESULTS@: CORRECT
print(input())
