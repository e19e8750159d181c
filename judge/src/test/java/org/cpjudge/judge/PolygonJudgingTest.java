package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.cpjudge.judge.problem.ReferenceSubmission;
import org.cpjudge.judge.problem.polygon.PolygonTags;
import org.cpjudge.judge.verify.PackageVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imports the Polygon test packages through the real sandbox (checker, interactor and validators compiled,
 * validators run on every test) and judges every solution, which must get a verdict its tag allows.
 */
class PolygonJudgingTest {

    static final Path PACKAGES = Path.of("src/test/resources/packages-polygon");

    private static Problem load(String name) throws Exception {
        return new ProblemImporter(TestJudge.get()).importPackage(PACKAGES.resolve(name));
    }

    /** The solution as the package gives it: in the language its Polygon type names, when we have that one. */
    static Submission submission(ReferenceSubmission s) throws Exception {
        return PackagePrograms.load(s, TestJudge.get().languages()).orElseThrow();
    }

    private static Map<String, JudgeResult> judgeAll(Problem problem) throws Exception {
        var results = new java.util.LinkedHashMap<String, JudgeResult>();
        for (ReferenceSubmission s : problem.submissions()) {
            results.put(s.displayName(), TestJudge.get().judge(problem, submission(s), JudgeListener.NONE));
        }
        return results;
    }

    @ParameterizedTest
    @ValueSource(strings = {"polygon-sum", "polygon-subtasks", "polygon-guess"})
    void everySolutionGetsAVerdictItsTagAllows(String name) throws Exception {
        Problem problem = load(name);
        List<PackageVerifier.Row> rows = new PackageVerifier(TestJudge.get()).verify(problem);
        String table = PackageVerifier.table(rows);
        System.out.println("verify " + name + "\n" + table + PackageVerifier.summary(rows));
        assertFalse(rows.isEmpty());
        // do-not-run solutions are not listed; every other one must be judged here and keep its tag's promise
        assertTrue(rows.stream().allMatch(PackageVerifier.Row::matches), table);
    }

    @Test
    void passFailVerdictsComeFromTheTestlibCheckerAndTheRun() throws Exception {
        Problem problem = load("polygon-sum");
        Map<String, JudgeResult> r = judgeAll(problem);
        assertEquals(List.of("sample/01", "sample/02", "secret/03", "secret/04"),
                r.get("main/sum.cpp").testcases().stream().map(TestCaseResult::name).toList());
        assertEquals(Verdict.AC, r.get("accepted/sum20.cpp").verdict(), "compiled as C++20, as its type says");
        TestCaseResult pe = r.get("presentation-error/chatty.py").testcases().get(0);
        assertEquals(Verdict.WA, pe.verdict());
        assertTrue(pe.message().contains("extra output"), "the checker's own words: " + pe.message());
        TestCaseResult wa = r.get("wrong-answer/difference.cpp").testcases().get(0);
        assertTrue(wa.message().contains("expected 3, found -1"), wa.message());
        assertEquals(1, r.get("wrong-answer/difference.cpp").testcases().size(), "pass-fail stops at the first failure");
        assertEquals(Verdict.RTE, r.get("rejected/crash.cpp").verdict());

        // The type matters: the same C++20 source taken as C++17 by its file name does not compile.
        ReferenceSubmission cpp20 = problem.submissions().stream()
                .filter(s -> s.displayName().equals("accepted/sum20.cpp")).findFirst().orElseThrow();
        Submission given = PackagePrograms.load(cpp20, TestJudge.get().languages()).orElseThrow();
        assertEquals("cpp20", given.languageId(), "the package's type names the language");
        Submission asCpp17 = new Submission("cpp", given.files());
        assertEquals(Verdict.CE, TestJudge.get().judge(problem, asCpp17, JudgeListener.NONE).verdict());
    }

    @Test
    void groupsScoreByTheirPointsPolicy() throws Exception {
        Problem problem = load("polygon-subtasks");
        Map<String, JudgeResult> r = judgeAll(problem);
        JudgeResult main = r.get("main/formula.cpp");
        assertEquals(Verdict.AC, main.verdict());
        assertEquals(100.0, main.score());
        assertEquals(List.of("secret/1 30.0/30.0", "secret/2 40.0/40.0", "secret/3 30.0/30.0"), subtasks(main));

        // Right up to n = 999: all of the complete group 1 and the first test (10 points) of each-test group 2.
        JudgeResult overflow = r.get("wrong-answer/overflow.cpp");
        assertEquals(Verdict.WA, overflow.verdict());
        assertEquals(40.0, overflow.score());
        assertEquals(List.of("secret/1 30.0/30.0", "secret/2 10.0/40.0", "secret/3 0.0/30.0"), subtasks(overflow));
        assertEquals(9, overflow.testcases().size(), "a scoring problem runs every test");

        JudgeResult loop = r.get("time-limit-exceeded/loop.py");
        assertEquals(Verdict.TLE, loop.verdict());
        assertEquals(70.0, loop.score());
    }

    @Test
    void theInteractorTalksWithTheSolutionAndTheCheckerReadsWhatItWrote() throws Exception {
        Problem problem = load("polygon-guess");
        Map<String, JudgeResult> r = judgeAll(problem);
        JudgeResult main = r.get("main/bisect.cpp");
        assertEquals(Verdict.AC, main.verdict());
        assertEquals(5, main.testcases().size());
        assertTrue(main.testcases().get(0).message().startsWith("right after "), main.testcases().get(0).message());

        TestCaseResult guessedOne = r.get("wrong-answer/guess_one.py").testcases().get(0);
        assertEquals(Verdict.WA, guessedOne.verdict());
        assertTrue(guessedOne.message().contains("guessed 1, the number was 37"),
                "the checker judged what the interactor wrote: " + guessedOne.message());

        TestCaseResult linear = r.get("wrong-answer/linear.cpp").testcases().get(0);
        assertEquals(Verdict.WA, linear.verdict());
        assertTrue(linear.message().contains("more than 25 queries"), "the interactor's own verdict: " + linear.message());

        assertEquals(Verdict.TLE, r.get("time-limit-exceeded/think.cpp").verdict());
        assertEquals(Verdict.RTE, r.get("rejected/crash.py").verdict(), "its crash, not the interactor's complaint");
    }

    @Test
    void aCrashMidConversationIsTheSubmissionsEveryTimeThoughTheInteractorComplainsAtOnce() throws Exception {
        // The crash closes the submission's output a moment before the interactor sees the end of its input and
        // exits with WA: the two end within a millisecond, and the crash must win every time, not by luck.
        Problem problem = load("polygon-guess");
        ReferenceSubmission crash = problem.submissions().stream()
                .filter(s -> s.displayName().equals("rejected/crash.py")).findFirst().orElseThrow();
        Submission crashAtOnce = Submission.of("cpp", "crash.cpp", """
                #include <cstdio>
                #include <cstdlib>
                int main() { std::printf("? 3\\n"); std::fflush(stdout); char r[4]; std::scanf("%3s", r); std::abort(); }
                """);
        for (int i = 0; i < 5; i++) {
            JudgeResult py = TestJudge.get().judge(problem, submission(crash), JudgeListener.NONE);
            assertEquals(Verdict.RTE, py.verdict(), "try " + i + ": " + py.testcases());
            JudgeResult cpp = TestJudge.get().judge(problem, crashAtOnce, JudgeListener.NONE);
            assertEquals(Verdict.RTE, cpp.verdict(), "try " + i + ": " + cpp.testcases());
        }
    }

    private static List<String> subtasks(JudgeResult r) {
        return r.subtasks().stream().map(s -> s.name() + " " + s.score() + "/" + s.max()).toList();
    }
}
