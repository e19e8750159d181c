// Crashes at once, long before the validator (a Python program) has even started reading.
#include <cstdlib>
int main() { std::abort(); }
