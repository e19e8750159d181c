package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every test case of a judging runs in the same work directory (one copy of the program), yet none sees what
 * another wrote there or in /tmp, and a submission that deletes or overwrites its own program still finds it
 * whole in the next test case.
 */
class TestCaseIsolationTest {

    private static Problem hello;

    @BeforeAll
    static void load() throws Exception {
        hello = new ProblemImporter(TestJudge.get()).importPackage(PackagesTest.PACKAGES.resolve("hello"));
    }

    // right only when it finds no trace of an earlier test case; then leaves traces and breaks its own binary
    private static final String LEAVES_TRACES = """
            #include <cstdio>
            #include <unistd.h>
            int main(int argc, char **argv) {
              long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1;
              bool seen = access("mark", F_OK) == 0 || access("/tmp/mark", F_OK) == 0;
              FILE *f = fopen("mark", "w"); if (f) fclose(f);
              f = fopen("/tmp/mark", "w"); if (f) fclose(f);
              unlink(argv[0]);
              f = fopen("left-behind", "w"); if (f) { fputs("x", f); fclose(f); }
              printf("%lld\\n", a + b + (seen ? 1 : 0));
              return 0;
            }
            """;

    @Test
    void noTestCaseSeesAnothersFiles() {
        JudgeResult r = TestJudge.get().judge(hello, new Submission("cpp", List.of(new SourceFile("a.cpp",
                LEAVES_TRACES))), JudgeListener.NONE, true);
        assertEquals(List.of(Verdict.AC, Verdict.AC, Verdict.AC),
                r.testcases().stream().map(TestCaseResult::verdict).toList(), r.toString());
    }
}
