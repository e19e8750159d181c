// Interactor in testlib's protocol: interactor input output answer, standard input and output joined to the
// submission's. Answers "? y" with <, > or =; on "! y" writes "y queries" to output for the checker.
// Exit 0 when the submission made its guess, 1 when it broke the protocol, 3 when the input is bad.
#include <fstream>
#include <iostream>
#include <string>
#include "protocol.h"

int main(int argc, char** argv) {
    if (argc < 3) return 3;
    std::ifstream in(argv[1]);
    long long x;
    if (!(in >> x)) return 3;
    std::ofstream out(argv[2]);
    std::string op;
    long long y;
    int queries = 0;
    while (std::cin >> op >> y) {
        if (op == "?") {
            if (++queries > MAX_QUERIES) {
                std::cerr << "more than " << MAX_QUERIES << " queries\n";
                return 1;
            }
            std::cout << (x < y ? "<" : x > y ? ">" : "=") << std::endl;
        } else if (op == "!") {
            out << y << " " << queries << "\n";
            std::cerr << "guessed " << y << " after " << queries << " queries\n";
            return 0;
        } else {
            std::cerr << "unknown request " << op << "\n";
            return 1;
        }
    }
    std::cerr << "the submission stopped before it guessed\n";
    return 1;
}
