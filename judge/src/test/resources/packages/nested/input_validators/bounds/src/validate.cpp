#include <iostream>
#include <string>
#include "../include/bounds.h"

int main() {
    std::string line, rest;
    if (!std::getline(std::cin, line) || std::getline(std::cin, rest) || line.empty() || line.size() > 10) return 1;
    for (char c : line) if (c < '0' || c > '9') return 1;
    long long n = std::stoll(line);
    return LOWEST <= n && n <= HIGHEST ? 42 : 1;
}
