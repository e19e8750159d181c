package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Judging with every test run (as AI attempts are): all test cases run past the first failure, the verdict is
 * still the first failure's, and each test records the fingerprint of the output.
 */
class RunAllTestsTest {

    private static Problem hello;

    @BeforeAll
    static void load() throws Exception {
        hello = new ProblemImporter(TestJudge.get()).importPackage(PackagesTest.PACKAGES.resolve("hello"));
    }

    private static JudgeResult judge(String source, boolean runAllTests) {
        return TestJudge.get().judge(hello, new Submission("cpp", List.of(new SourceFile("a.cpp", source))),
                JudgeListener.NONE, runAllTests);
    }

    private static final String SUM = "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;"
            + "std::cout<<a+b<<\"\\n\";}\n";
    // wrong on secret/01 only (input "10 20")
    private static final String WRONG_ON_01 = "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;"
            + "std::cout<<a+b+(a==10)<<\"\\n\";}\n";
    // right answers, other spacing
    private static final String SPACED = "#include <cstdio>\nint main(){long long a,b;scanf(\"%lld %lld\",&a,&b);"
            + "printf(\"  %lld \\r\\n\\n\",a+b);}\n";

    @Test
    void everyTestRunsAndTheVerdictIsTheFirstFailures() {
        JudgeResult all = judge(WRONG_ON_01, true);
        assertEquals(Verdict.WA, all.verdict());
        assertEquals(List.of("sample/1", "secret/01", "secret/02"), names(all));
        assertEquals(List.of(Verdict.AC, Verdict.WA, Verdict.AC), all.testcases().stream().map(TestCaseResult::verdict).toList());

        JudgeResult stopped = judge(WRONG_ON_01, false);
        assertEquals(Verdict.WA, stopped.verdict());
        assertEquals(List.of("sample/1", "secret/01"), names(stopped));
    }

    @Test
    void eachTestCarriesTheFingerprintOfItsOutput() {
        JudgeResult right = judge(SUM, true);
        JudgeResult wrong = judge(WRONG_ON_01, true);
        JudgeResult spaced = judge(SPACED, true);
        assertEquals(Verdict.AC, spaced.verdict());
        for (int i = 0; i < 3; i++) {
            assertNotNull(right.testcases().get(i).outputSha256());
            assertEquals(right.testcases().get(i).outputSha256(), spaced.testcases().get(i).outputSha256(),
                    "whitespace does not change the fingerprint");
        }
        assertEquals(OutputFingerprint.of("3\n".getBytes()), right.testcases().get(0).outputSha256());
        assertEquals(right.testcases().get(0).outputSha256(), wrong.testcases().get(0).outputSha256());
        assertNotEquals(right.testcases().get(1).outputSha256(), wrong.testcases().get(1).outputSha256());
        assertEquals(OutputFingerprint.of("31".getBytes()), wrong.testcases().get(1).outputSha256());
    }

    private static List<String> names(JudgeResult r) {
        return r.testcases().stream().map(TestCaseResult::name).toList();
    }
}
