// testlib protocol: checker input output answer; exit 0 ok, 1 wrong answer, 3 checker failure.
#include <cstdio>
int main(int argc, char **argv) {
    if (argc < 4) return 3;
    FILE *in = fopen(argv[1], "r"), *out = fopen(argv[2], "r");
    long long n, s;
    if (!in || !out || fscanf(in, "%lld %lld", &n, &s) != 2) return 3;
    long long total = 0, x;
    for (long long i = 0; i < n; i++) {
        if (fscanf(out, "%lld", &x) != 1 || x < 0) { fprintf(stderr, "wrong answer: bad number %lld\n", i + 1); return 1; }
        total += x;
    }
    if (total != s) { fprintf(stderr, "wrong answer: sum %lld, expected %lld\n", total, s); return 1; }
    fprintf(stderr, "ok\n");
    return 0;
}
