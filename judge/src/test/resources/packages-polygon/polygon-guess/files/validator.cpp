// Validator in testlib's way: standard input holds one integer 1 <= x <= MAX_X; exit 0 when it does.
#include <cstdio>
#include "protocol.h"

int main() {
    long long x;
    char newline = 0;
    if (std::scanf("%lld%c", &x, &newline) != 2 || newline != '\n' || x < 1 || x > MAX_X) return 3;
    return std::getchar() == EOF ? 0 : 3;
}
