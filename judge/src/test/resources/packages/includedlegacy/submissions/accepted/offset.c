#include <stdio.h>
#include <stdlib.h>
int main(void) {
    FILE *f = fopen("offset.txt", "r"); /* from include/c */
    long long a, b, k;
    if (f == NULL || fscanf(f, "%lld", &k) != 1) abort();
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    printf("%lld\n", a + b + k);
    return 0;
}
