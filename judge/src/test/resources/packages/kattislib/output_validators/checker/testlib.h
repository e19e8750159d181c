// A few testlib names on Kattis' validator protocol, written for this test package:
//   validator input answer feedback_dir < team_output; exit 42 accepts, 43 rejects.
#pragma once
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

enum TResult { _ok, _wa };

struct InStream {
    FILE *file = nullptr;
    long long readLong() {
        long long x;
        if (std::fscanf(file, "%lld", &x) != 1) {
            quit(_wa, "expected an integer");
        }
        return x;
    }
    void quit(TResult, const char *);
};

static InStream inf, ouf, ans;
static std::string feedbackDir;

[[noreturn]] inline void quitf(TResult result, const char *format, ...) {
    char message[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(message, sizeof message, format, args);
    va_end(args);
    std::FILE *judge = std::fopen((feedbackDir + "judgemessage.txt").c_str(), "a");
    if (judge) {
        std::fprintf(judge, "%s\n", message);
        std::fclose(judge);
    }
    std::exit(result == _ok ? 42 : 43);
}

inline void InStream::quit(TResult result, const char *message) {
    quitf(result, "%s", message);
}

inline void registerTestlibCmd(int argc, char **argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s input answer feedback_dir < output\n", argv[0]);
        std::exit(1);
    }
    inf.file = std::fopen(argv[1], "r");
    ans.file = std::fopen(argv[2], "r");
    ouf.file = stdin;
    feedbackDir = argv[3];
    if (!inf.file || !ans.file) {
        std::exit(1);
    }
}
