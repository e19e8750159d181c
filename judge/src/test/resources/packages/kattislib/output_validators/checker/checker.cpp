#include "testlib.h"

int main(int argc, char **argv) {
    registerTestlibCmd(argc, argv);
    long long expected = ans.readLong();
    long long got = ouf.readLong();
    if (got != expected) {
        quitf(_wa, "expected %lld, got %lld", expected, got);
    }
    quitf(_ok, "sum is right");
}
