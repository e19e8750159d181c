// Thinks forever before its first query.
int main() { volatile unsigned long long x = 0; for (;;) x++; }
