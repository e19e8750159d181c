#include <stdio.h>
#include <time.h>
int main(void){while(clock() < CLOCKS_PER_SEC / 20){}puts("done");return 0;}
