/* Either verdict is fine: it prints the line backwards, or falls over on a long one.
 * @EXPECTED_RESULTS@: WRONG-ANSWER, RUN-ERROR
 */
#include <stdio.h>
#include <string.h>
int main(void) {
    char s[100];
    if (!fgets(s, sizeof s, stdin)) return 1;
    size_t n = strcspn(s, "\n");
    for (size_t i = n; i > 0; i--) putchar(s[i - 1]);
    putchar('\n');
    return 0;
}
