#include <vector>
#include <cstdio>
int main(){std::vector<char> v;for(size_t n=1<<20;;n*=2){v.resize(n,1);} printf("%d\n",(int)v[0]);}
