// What a right answer is; kept apart from the I/O so that the header is shipped, not compiled.
#pragma once

inline bool isRightAnswer(long long n, long long x) {
    return 1 <= x && x <= n && x % 3 == 0;
}
