/*
 * The CPU-bound program of bench/sandbox/fairness-and-cost.sh: `spin N` runs N steps of a multiply-add chain
 * (no memory traffic, nothing to optimise away) and prints the result; `spin burn` keeps a core busy until its CPU limit (or a
 * file named "stop" in its working directory) ends it: the other slot's burner.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long chain(unsigned long long steps, unsigned long long x) {
    for (unsigned long long i = 0; i < steps; i++) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "burn") == 0) {
        unsigned long long x = 1;
        while (access("stop", F_OK) != 0) x = chain(5000000, x); /* a few ms between looks */
        printf("%llu\n", x);
        return 0;
    }
    unsigned long long steps = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000000ULL;
    printf("%llu\n", chain(steps, 1));
    return 0;
}
