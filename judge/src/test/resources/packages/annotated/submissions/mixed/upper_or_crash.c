/* Either verdict is fine: it shouts the line, or falls over on a long one.
 * @EXPECTED_RESULTS@: WRONG-ANSWER, RUN-ERROR
 */
#include <ctype.h>
#include <stdio.h>
int main(void) {
    char s[100];
    if (!fgets(s, sizeof s, stdin)) return 1;
    for (char *p = s; *p; p++) *p = (char) toupper((unsigned char) *p);
    fputs(s, stdout);
    return 0;
}
