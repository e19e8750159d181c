// Checker in testlib's protocol: check input output answer, where output is what the interactor wrote
// ("guess queries") and answer holds the hidden number. Exit 0 when the guess is right, 1 otherwise.
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc < 4) return 3;
    std::ifstream output(argv[2]), answer(argv[3]);
    long long x, guess, queries;
    if (!(answer >> x)) return 3;
    if (!(output >> guess >> queries)) {
        std::cerr << "the interactor wrote no guess\n";
        return 1;
    }
    if (guess != x) {
        std::cerr << "guessed " << guess << ", the number was " << x << "\n";
        return 1;
    }
    std::cerr << "right after " << queries << " queries\n";
    return 0;
}
