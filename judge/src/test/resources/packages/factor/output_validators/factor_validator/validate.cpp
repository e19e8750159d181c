// Accepts any "a b" with 1 < a, b and a * b == n.
#include <cstdio>
#include <string>
int main(int argc, char **argv) {
    if (argc < 4) return 1;
    FILE *in = fopen(argv[1], "r");
    long long n;
    if (!in || fscanf(in, "%lld", &n) != 1) return 1;
    std::string msg = std::string(argv[3]) + "judgemessage.txt";
    FILE *feedback = fopen(msg.c_str(), "w");
    long long a, b;
    char extra;
    if (scanf("%lld %lld", &a, &b) != 2) { fprintf(feedback, "no two numbers\n"); return 43; }
    if (scanf(" %c", &extra) == 1) { fprintf(feedback, "trailing output\n"); return 43; }
    if (a <= 1 || b <= 1 || a * b != n) { fprintf(feedback, "%lld * %lld != %lld\n", a, b, n); return 43; }
    return 42;
}
