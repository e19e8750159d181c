// Kattis output validator: input answer feedback_dir < team_output; 42 accepts, 43 rejects.
#include <fstream>
#include <iostream>
#include <string>
#include "multiple.h"

int main(int argc, char **argv) {
    if (argc < 4) return 1;
    std::ifstream in(argv[1]);
    long long n;
    if (!(in >> n)) return 1;
    std::ofstream msg(std::string(argv[3]) + "judgemessage.txt");
    long long x;
    if (!(std::cin >> x)) {
        msg << "no number\n";
        return 43;
    }
    std::string extra;
    if (std::cin >> extra) {
        msg << "trailing output\n";
        return 43;
    }
    if (!isRightAnswer(n, x)) {
        msg << x << " is not a multiple of 3 in [1, " << n << "]\n";
        return 43;
    }
    return 42;
}
