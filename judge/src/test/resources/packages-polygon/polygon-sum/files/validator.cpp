// Validator in testlib's way: the input on standard input, exit 0 when it is valid: "a b\n", |a|, |b| <= 10^9.
#include <cstdio>
#include "verdicts.h"

int main() {
    long long a, b;
    char newline = 0;
    if (std::scanf("%lld %lld%c", &a, &b, &newline) != 3 || newline != '\n') verdict(VERDICT_FAIL, "expected \"a b\\n\"");
    if (a < -1000000000 || a > 1000000000 || b < -1000000000 || b > 1000000000) verdict(VERDICT_FAIL, "out of range");
    if (std::getchar() != EOF) verdict(VERDICT_FAIL, "extra input");
    return 0;
}
