#include <stdio.h>
int main(void){for(;;)fputs("3333333333333333333333333333333333333333\n",stdout);}
