// Checker in testlib's protocol: check input output answer; exit 0 ok, 1 wrong answer, 2 presentation error.
#include <fstream>
#include <string>
#include "verdicts.h"

int main(int argc, char** argv) {
    if (argc < 4) verdict(VERDICT_FAIL, "usage: check input output answer");
    std::ifstream output(argv[2]), answer(argv[3]);
    long long expected, got;
    if (!(answer >> expected)) verdict(VERDICT_FAIL, "the answer file holds no number");
    std::string token;
    if (!(output >> token)) verdict(VERDICT_WA, "no output");
    try {
        size_t used = 0;
        got = std::stoll(token, &used);
        if (used != token.size()) verdict(VERDICT_PE, "not a number");
    } catch (...) {
        verdict(VERDICT_PE, "not a number");
    }
    if (got != expected) verdict(VERDICT_WA, ("expected " + std::to_string(expected) + ", found " + token).c_str());
    if (output >> token) verdict(VERDICT_PE, "extra output after the sum");
    verdict(VERDICT_OK, "the sum is right");
}
