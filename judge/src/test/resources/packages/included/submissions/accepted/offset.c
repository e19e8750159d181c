#include <stdio.h>
#include <stdlib.h>
int main(void) {
    FILE *f = fopen("offset.txt", "r"); /* from include/default: C has no folder of its own */
    long long a, b, offset;
    if (f == NULL || fscanf(f, "%lld", &offset) != 1) abort();
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    printf("%lld\n", a + b + offset);
    return 0;
}
