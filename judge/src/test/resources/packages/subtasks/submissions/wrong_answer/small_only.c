#include <stdio.h>
int main(void){long long n;scanf("%lld",&n);int s=0;for(int i=1;i<=n&&i<=1000;i++)s+=i;printf("%d\n",s);return 0;}
