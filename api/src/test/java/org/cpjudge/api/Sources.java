package org.cpjudge.api;

import java.util.Map;

/**
 * Solutions of the "sum" test problem (read two integers, print their sum), one per language and verdict.
 * Key: language id, then verdict.
 */
final class Sources {

    record Source(String file, String content) {
    }

    static final Map<String, Map<String, Source>> SUM = Map.of(
            "c", Map.of(
                    "AC", new Source("sum.c", """
                            #include <stdio.h>
                            int main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return 0; }
                            """),
                    "WA", new Source("sum.c", """
                            #include <stdio.h>
                            int main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a - b); return 0; }
                            """),
                    "TLE", new Source("sum.c", """
                            int main(void) { volatile unsigned long x = 0; for (;;) x++; }
                            """),
                    "RTE", new Source("sum.c", """
                            #include <stdlib.h>
                            int main(void) { abort(); }
                            """),
                    "CE", new Source("sum.c", "int main(void) { return undefined_name; }\n")),
            "cpp", Map.of(
                    "AC", new Source("sum.cpp", """
                            #include <iostream>
                            int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << std::endl; }
                            """),
                    "WA", new Source("sum.cpp", """
                            #include <iostream>
                            int main() { long long a, b; std::cin >> a >> b; std::cout << a * b << std::endl; }
                            """),
                    "TLE", new Source("sum.cpp", """
                            int main() { volatile unsigned long x = 0; for (;;) x++; }
                            """),
                    "RTE", new Source("sum.cpp", """
                            #include <vector>
                            int main() { std::vector<int> v; return v.at(5); }
                            """),
                    "CE", new Source("sum.cpp", "int main() { std::cout << 1; }\n")),
            "java", Map.of(
                    "AC", new Source("Sum.java", """
                            import java.util.Scanner;
                            public class Sum {
                                public static void main(String[] args) {
                                    Scanner in = new Scanner(System.in);
                                    long a = in.nextLong(), b = in.nextLong();
                                    System.out.println(a + b);
                                }
                            }
                            """),
                    "WA", new Source("Sum.java", """
                            public class Sum {
                                public static void main(String[] args) { System.out.println(42); }
                            }
                            """),
                    "TLE", new Source("Sum.java", """
                            public class Sum {
                                static volatile long x;
                                public static void main(String[] args) { for (;;) x++; }
                            }
                            """),
                    "RTE", new Source("Sum.java", """
                            public class Sum {
                                public static void main(String[] args) { throw new IllegalStateException("boom"); }
                            }
                            """),
                    "CE", new Source("Sum.java", """
                            public class Sum {
                                public static void main(String[] args) { int x = "not a number"; }
                            }
                            """)),
            "python3", Map.of(
                    "AC", new Source("sum.py", "a, b = map(int, input().split())\nprint(a + b)\n"),
                    "WA", new Source("sum.py", "a, b = map(int, input().split())\nprint(a + b + 1)\n"),
                    "TLE", new Source("sum.py", "x = 0\nwhile True:\n    x += 1\n"),
                    "RTE", new Source("sum.py", "raise SystemExit(3)\n"),
                    "CE", new Source("sum.py", "def broken(:\n    pass\n")));

    private Sources() {
    }
}
