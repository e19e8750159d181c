// Asks 1, 2, 3, ... until it hits: far more queries than allowed.
#include <iostream>
#include <string>
int main() {
    for (long long y = 1;; y++) {
        std::cout << "? " << y << std::endl;
        std::string r;
        if (!(std::cin >> r)) return 0;
        if (r == "=") { std::cout << "! " << y << std::endl; return 0; }
    }
}
