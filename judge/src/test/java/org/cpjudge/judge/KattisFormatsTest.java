package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.cpjudge.judge.problem.ProblemPackage;
import org.cpjudge.judge.problem.ProblemPackageException;
import org.cpjudge.judge.problem.Sample;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.judge.problem.TestGroup;
import org.cpjudge.judge.verify.PackageVerifier;
import org.cpjudge.judge.verify.PackageVerifier.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three editions of the Kattis format and the parts of it real packages use, each shown by a package of
 * our own (judge/src/test/resources/packages): 2025-09 scoring (modern), legacy scoring with on_reject
 * (legacyscore), multi-pass (multipass), a testlib.h on Kattis' protocol (kattislib), the time limit's safety
 * margin (tlemargin).
 */
class KattisFormatsTest {

    static final Path PACKAGES = PackagesTest.PACKAGES;

    @TempDir
    Path tmp;

    private static Problem load(String name) throws Exception {
        return PackagesTest.load(name);
    }

    private static JudgeResult judge(Problem problem, String submission) throws Exception {
        return PackagesTest.judge(problem, submission);
    }

    @Test
    void a2025PackageIsReadWithItsGroupsSamplesCreditsAndLimits() throws Exception {
        Problem p = ProblemPackage.load(PACKAGES.resolve("modern"));
        assertEquals(Problem.Format.V2025_09, p.format());
        assertTrue(p.scoring());
        assertEquals(64, p.limits().codeKib());
        assertEquals(1.5, p.limits().tleMultiplier());
        // .hint, .desc and the test case's .yaml are not test cases
        assertEquals(List.of("sample/1", "sample/2", "secret/1-small/01", "secret/1-small/02", "secret/2-large/01",
                "secret/2-large/02"), p.testCases().stream().map(TestCase::name).toList());
        TestGroup secret = p.data().find("secret").orElseThrow();
        assertEquals(100.0, secret.scoring().maxScore());
        assertEquals(TestGroup.Aggregation.SUM, secret.scoring().aggregation());
        assertEquals("1000", p.constants().values().get("large_from"));
        assertEquals("limit {{max_abs}} and {{unknown}}".replace("{{max_abs}}", "1000000000"),
                p.constants().apply("limit {{max_abs}} and {{unknown}}"));
        TestGroup small = p.data().find("secret/1-small").orElseThrow(); // max_score: {{small_points}}
        assertEquals(TestGroup.Aggregation.PASS_FAIL, small.scoring().aggregation());
        assertEquals(30.0, small.scoring().maxScore());
        TestGroup large = p.data().find("secret/2-large").orElseThrow();
        assertEquals(List.of("secret/1-small"), large.scoring().requirePass());
        assertEquals(35.0, large.scoring().testMax(2));
        assertEquals(List.of("sample"), p.testCases().get(0).validatorArgs());

        Sample first = p.samples().get(0);
        assertTrue(first.shownInput().orElseThrow().toString().endsWith("1.in.statement"));
        assertTrue(first.downloadOutput().orElseThrow().toString().endsWith("1.ans.download"));
        Sample second = p.samples().get(1);
        assertTrue(second.shownOutput().orElseThrow().toString().endsWith("2.out"), second.toString());
        assertTrue(second.shownInput().orElseThrow().toString().endsWith("2.in"));

        assertEquals(List.of("Ada Setter <ada@setter.example>"), p.credits().authors());
        assertEquals(List.of("Tom Tester", "Tess Tester <tess@tester.example>"), p.credits().byRole().get("testers"));
        assertEquals(List.of("sv: Sven Översättare"), p.credits().byRole().get("translators"));
        assertEquals(List.of("cpjudge test contest 2026 <https://cpjudge.example/contests/test-2026>"),
                p.credits().source());
    }

    @Test
    void groupsScoreByMaxScoreAggregationMultiplierAndRequirePass() throws Exception {
        Problem p = load("modern");
        JudgeResult close = judge(p, "partial/close.py");
        assertEquals(65.0, close.score(), 1e-9); // 30 for the small group, half of 2 × 35 for the large one
        assertEquals(List.of(new SubtaskScore("secret/1-small", 30, 30), new SubtaskScore("secret/2-large", 35, 70)),
                close.subtasks());
        JudgeResult largeOnly = judge(p, "partial/large_only.py");
        assertEquals(0.0, largeOnly.score(), 1e-9); // the large group requires the small one, which it fails
        assertEquals(100.0, judge(p, "accepted/exact.py").score(), 1e-9);
    }

    @Test
    void aSubmissionOverTheCodeLimitIsACompileError() throws Exception {
        Problem p = load("modern");
        String big = "# " + "x".repeat(70 * 1024) + "\nprint(sum(map(int, input().split())))\n";
        JudgeResult r = TestJudge.get().judge(p, Submission.of("python3", "big.py", big), JudgeListener.NONE);
        assertEquals(Verdict.CE, r.verdict());
        assertTrue(r.compileOutput().contains("code limit of 64 KiB"), r.compileOutput());
    }

    @Test
    void legacyOnRejectBreakStopsItsGroupAndAcceptScoresAddUp() throws Exception {
        Problem p = load("legacyscore");
        assertEquals(Problem.Format.LEGACY, p.format());
        assertEquals(List.of("Lee Gacy"), p.credits().authors());
        assertEquals(List.of("cpjudge legacy cup <https://cpjudge.example/legacy>"), p.credits().source());
        JudgeResult partial = judge(p, "partial/positive_only.c");
        assertEquals(40.0, partial.score(), 1e-9);
        // hard breaks at its first rejection: none of hard/02..04 ran; easy (on_reject: continue) ran in full
        assertEquals(List.of("sample/1", "secret/easy/01", "secret/easy/02", "secret/easy/03", "secret/easy/04",
                "secret/hard/01"), partial.testcases().stream().map(TestCaseResult::name).toList());
        assertEquals(120.0, judge(p, "accepted/parity.py").score(), 1e-9);
    }

    @Test
    void multiPassRunsTheSubmissionAgainOnWhatTheValidatorWrote() throws Exception {
        Problem p = load("multipass");
        assertTrue(p.multiPass());
        assertEquals(3, p.limits().validationPasses());
        assertEquals(Verdict.AC, judge(p, "accepted/both_passes.py").verdict());
        JudgeResult wa = judge(p, "wrong_answer/first_pass_only.py");
        assertEquals(Verdict.WA, wa.verdict());
        assertTrue(wa.testcases().get(0).message().contains("pass 2: expected 9, got 16"), wa.testcases().toString());
        assertEquals(Verdict.RTE, judge(p, "run_time_error/second_pass_crashes.py").verdict());
    }

    @Test
    void aValidatorAskingForTooManyPassesIsAJudgeError() throws Exception {
        Path root = tmp.resolve("multipass");
        HostFiles.copyTree(PACKAGES.resolve("multipass"), root);
        Files.writeString(root.resolve("problem.yaml"), Files.readString(root.resolve("problem.yaml"))
                .replace("validation_passes: 3", "validation_passes: 2"));
        // every pass asks for another one
        Files.writeString(root.resolve("output_validator/validate.py"), """
                import os, sys
                sys.stdin.read()
                open(os.path.join(sys.argv[3], "nextpass.in"), "w").write("add 1\\n")
                sys.exit(42)
                """);
        Problem p = new ProblemImporter(TestJudge.get()).importPackage(root);
        JudgeResult r = judge(p, "accepted/both_passes.py");
        assertEquals(Verdict.JE, r.verdict(), r.testcases().toString());
    }

    @Test
    void aTestlibHeaderOnKattisProtocolIsCalledTheKattisWay() throws Exception {
        Problem p = load("kattislib");
        assertEquals(Problem.CheckerProtocol.KATTIS, p.checkerProtocol());
        assertEquals(Verdict.AC, judge(p, "accepted/sum.c").verdict());
        JudgeResult wa = judge(p, "wrong_answer/int_overflow.c");
        assertEquals(Verdict.WA, wa.verdict());
        assertTrue(wa.testcases().get(wa.testcases().size() - 1).message().contains("expected 4000000000, got -294967296"),
                wa.testcases().toString());
    }

    @Test
    void anExpectedTimeLimitExceederThatKeepsWithinTheMarginIsWarnedAboutAndReported() throws Exception {
        Problem p = load("tlemargin");
        assertFalse(p.limits().timeLimitExplicit());
        assertEquals(1000, p.timeLimitMs());
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("time_limit_exceeded/not_slow.py is expected "
                + "to exceed the time limit but ran within 1.5 × 1000 ms")), p.warnings().toString());
        assertFalse(p.warnings().stream().anyMatch(w -> w.contains("forever")), p.warnings().toString());
        List<PackageVerifier.Row> rows = new PackageVerifier(TestJudge.get()).verify(p);
        Map<String, Outcome> outcomes = new java.util.TreeMap<>();
        rows.forEach(r -> outcomes.put(r.submission().displayName(), r.outcome()));
        assertEquals(Map.of("accepted/echo.py", Outcome.MATCH, "time_limit_exceeded/forever.py", Outcome.MATCH,
                "time_limit_exceeded/not_slow.py", Outcome.MISMATCH), outcomes);
        assertFalse(PackageVerifier.passes(rows));
        assertEquals("3 submissions: 2 as expected, 1 not", PackageVerifier.summary(rows));
        String table = PackageVerifier.table(rows);
        assertTrue(table.contains("/ 1000 ms"), table);
    }

    @Test
    void aSubmissionInALanguageNotInstalledIsSkippedNotFailed() throws Exception {
        Path root = tmp.resolve("hello");
        HostFiles.copyTree(PACKAGES.resolve("hello"), root);
        Files.writeString(root.resolve("submissions/accepted/sum.zz"), "no such language\n");
        Problem p = new ProblemImporter(TestJudge.get()).importPackage(root);
        List<PackageVerifier.Row> rows = new PackageVerifier(TestJudge.get()).verify(p);
        PackageVerifier.Row zz = rows.stream().filter(r -> r.submission().name().equals("sum.zz")).findFirst()
                .orElseThrow();
        assertEquals(Outcome.SKIPPED, zz.outcome());
        assertTrue(PackageVerifier.passes(rows), PackageVerifier.table(rows));
        assertTrue(PackageVerifier.summary(rows).endsWith("1 skipped (language not installed)"),
                PackageVerifier.summary(rows));
    }

    @Test
    void aMalformedSubmissionsYamlRefusesThePackageNamingTheEntry() throws Exception {
        Path root = tmp.resolve("modern");
        HostFiles.copyTree(PACKAGES.resolve("modern"), root);
        Files.writeString(root.resolve("submissions/submissions.yaml"), "partial/close.py:\n  permitted: [AC, PE]\n");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(root));
        assertTrue(e.getMessage().contains("partial/close.py") && e.getMessage().contains("PE"), e.getMessage());
    }

    @Test
    void domjudgeAnnotationsAndTimelimitFileAreRead() throws Exception {
        Problem p = load("annotated");
        assertEquals(1500, p.timeLimitMs()); // .timelimit, in seconds
        List<PackageVerifier.Row> rows = new PackageVerifier(TestJudge.get()).verify(p);
        PackageVerifier.Row spin = rows.stream().filter(r -> r.submission().name().equals("spin_on_long.py"))
                .findFirst().orElseThrow();
        assertEquals(Outcome.MATCH, spin.outcome(), PackageVerifier.table(rows));
        assertEquals("verdict TLE (@EXPECTED_RESULTS@)", spin.expected());
        // the annotation is what is expected: a wrong one is a mismatch, whatever the folder
        Path root = tmp.resolve("annotated");
        HostFiles.copyTree(PACKAGES.resolve("annotated"), root);
        Files.writeString(root.resolve("submissions/mixed/spin_on_long.py"), Files.readString(
                root.resolve("submissions/mixed/spin_on_long.py")).replace("TIMELIMIT", "CORRECT"));
        Problem changed = new ProblemImporter(TestJudge.get()).importPackage(root);
        assertEquals(Outcome.MISMATCH, new PackageVerifier(TestJudge.get()).verify(changed).stream()
                .filter(r -> r.submission().name().equals("spin_on_long.py")).findFirst().orElseThrow().outcome());
    }

    @Test
    void submitAnswerProblemsAreRefusedClearly() throws Exception {
        Path root = tmp.resolve("hello");
        HostFiles.copyTree(PACKAGES.resolve("hello"), root);
        Files.writeString(root.resolve("problem.yaml"), "problem_format_version: 2025-09\nname: Answers\n"
                + "type: submit-answer\n");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(root));
        assertTrue(e.getMessage().contains("submit-answer"), e.getMessage());
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        Path root = tmp.resolve("hello");
        HostFiles.copyTree(PACKAGES.resolve("hello"), root);
        Files.writeString(root.resolve("problem.yaml"), "problem_format_version: 1999-01\nname: Old\n");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(root));
        assertTrue(e.getMessage().contains("1999-01"), e.getMessage());
    }
}
