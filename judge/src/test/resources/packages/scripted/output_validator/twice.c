/* Kattis output validator: accepts (42) when the team printed exactly twice the input, else rejects (43). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 4) return 1;
    FILE *in = fopen(argv[1], "r");
    long long n, got;
    if (!in || fscanf(in, "%lld", &n) != 1) return 1;
    char path[4096];
    snprintf(path, sizeof path, "%sjudgemessage.txt", argv[3]);
    FILE *msg = fopen(path, "w");
    if (scanf("%lld", &got) != 1) {
        if (msg) fprintf(msg, "no number\n");
        return 43;
    }
    if (got != 2 * n) {
        if (msg) fprintf(msg, "expected %lld, got %lld\n", 2 * n, got);
        return 43;
    }
    return 42;
}
