// Keeps a gibibyte of filled memory under a 256 MiB limit (runs out of it: killed, or std::bad_alloc).
#include <cstdio>
#include <vector>
int main() {
    std::vector<char> block(1UL << 30, 1);
    std::printf("%d\n", block.back());
}
