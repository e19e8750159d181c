#include <cstdio>
int main(){long long n;scanf("%lld",&n);for(long long d=n-1;d>1;d--)if(n%d==0){printf("%lld %lld\n",n/d,d);return 0;}}
