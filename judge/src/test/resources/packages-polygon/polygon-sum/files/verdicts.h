// Exit codes of testlib's protocol, for this package's checker and validator (written for cpjudge's tests).
#pragma once
#include <cstdio>
#include <cstdlib>

enum Verdict { VERDICT_OK = 0, VERDICT_WA = 1, VERDICT_PE = 2, VERDICT_FAIL = 3 };

[[noreturn]] inline void verdict(Verdict v, const char* message) {
    std::fprintf(stderr, "%s\n", message);
    std::exit(v);
}
