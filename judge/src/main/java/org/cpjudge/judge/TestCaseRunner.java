package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpjudge.judge.checker.CheckResult;
import org.cpjudge.judge.checker.Checker;
import org.cpjudge.judge.checker.ProgramChecker;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.TestCase;

/**
 * Runs a submission on one test case and checks it: a plain run then the checker, an interactive run, or
 * several passes of either for multi-pass problems (the validator writes the next pass's input to
 * {@code feedback/nextpass.in}).
 */
final class TestCaseRunner {

    private final SubmissionRunner runner;
    private final Checker checker;
    private final Problem problem;
    private final Compilation program;
    private final TestlibInteraction testlibInteraction;
    /** The program is in the plain runs' box folder (made at the first plain test case). */
    private boolean programPlaced;

    /** With {@code testlibInteraction} (a Polygon interactor; else null), interactive runs go through it. */
    TestCaseRunner(SubmissionRunner runner, Checker checker, Problem problem, Compilation program,
            TestlibInteraction testlibInteraction) {
        this.runner = runner;
        this.checker = checker;
        this.problem = problem;
        this.program = program;
        this.testlibInteraction = testlibInteraction;
    }

    /**
     * Runs test case number {@code index} in folders under {@code judgingDir} (the judging's own). A plain run uses
     * the same folder for every test case (see {@link #plain}); the others get a fresh one each, removed after.
     */
    TestCaseResult run(TestCase test, Path judgingDir, int index) throws IOException, InterruptedException {
        if (testlibInteraction == null && !problem.interactive() && !problem.multiPass()) {
            return plain(test, judgingDir.resolve("tests"));
        }
        Path dir = Files.createDirectories(judgingDir.resolve("test-" + index));
        try {
            if (testlibInteraction != null) {
                return testlibInteraction.run(program, problem, test, dir);
            }
            if (!(checker instanceof ProgramChecker validator)) {
                return new TestCaseResult(test.name(), Verdict.JE, 0, 0, null, "no output validator");
            }
            return passes(test, dir, validator);
        } finally {
            HostFiles.deleteTree(dir);
        }
    }

    /**
     * A plain run then the checker, in {@code dir}, the same for every test case of the judging: the box folder
     * holds the one copy of the program, and the run's own writes there are discarded with its box
     * (SubmissionRunner.runInPlace), so no test case sees another's files; the streams beside it are truncated
     * by each run. Before, each test case made a folder, copied the program in and removed it all again: the
     * removal's rmdir alone was 19 of a worker's 62 native-code samples (JFR) while judging tiny tests.
     */
    private TestCaseResult plain(TestCase test, Path dir) throws IOException, InterruptedException {
        Path boxDir = dir.resolve("box");
        if (!programPlaced) {
            SubmissionRunner.placeProgram(program, boxDir);
            programPlaced = true;
        }
        Path output = dir.resolve("output");
        RunOutcome run = runner.runInPlace(program, problem, boxDir, test.input(), output, dir.resolve("stderr"),
                test.args());
        // read before the checker runs: what the submission wrote, whatever the checker does with the file
        String fingerprint = OutputFingerprint.of(output);
        if (!run.ranCleanly()) {
            return new TestCaseResult(test.name(), run.failure(), run.timeMs(), run.memoryKb(), null, run.message(),
                    fingerprint);
        }
        CheckResult check = checker.check(test, output, dir.resolve("check"));
        return new TestCaseResult(test.name(), check.verdict(), run.timeMs(), run.memoryKb(), points(test, check),
                check.message(), fingerprint);
    }

    /** The test case's score: score.txt's points, or score_multiplier.txt's fraction of what the test is worth. */
    private Double points(TestCase test, CheckResult check) {
        if (check.scoreMultiplier() == null) {
            return check.score();
        }
        return problem.data().groupOf(test.name())
                .map(g -> check.scoreMultiplier() * g.scoring().testMax(g.tests().size()))
                .orElse(check.score());
    }

    /** Interactive and multi-pass runs share one validator box across passes, so feedback/ persists. */
    private TestCaseResult passes(TestCase test, Path dir, ProgramChecker validator)
            throws IOException, InterruptedException {
        Path validatorBox = validator.prepareBox(test, SubmissionRunner.freshDir(dir, "validator"));
        Path nextPass = validatorBox.resolve("feedback/nextpass.in");
        int maxPasses = problem.multiPass() ? problem.limits().validationPasses() : 1;
        long time = 0;
        long memory = 0;
        Path input = test.input();
        for (int pass = 1; ; pass++) {
            Path passDir = SubmissionRunner.freshDir(dir, "pass-" + pass);
            Interaction.Result r;
            if (problem.interactive()) {
                r = new Interaction(runner, validator).run(program, problem, test, passDir, validatorBox);
            } else {
                r = plainPass(test, input, passDir, validator, validatorBox);
            }
            time = Math.max(time, r.timeMs());
            memory = Math.max(memory, r.memoryKb());
            boolean another = Files.isRegularFile(nextPass, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (r.verdict() != Verdict.AC || !problem.multiPass() || !another) {
                return new TestCaseResult(test.name(), r.verdict(), time, memory, r.score(), r.message());
            }
            if (pass >= maxPasses) {
                return new TestCaseResult(test.name(), Verdict.JE, time, memory, null,
                        "validator asked for more than " + maxPasses + " passes");
            }
            input = dir.resolve("input-" + (pass + 1));
            Files.write(input, HostFiles.readRegular(nextPass, (int) Math.min(Integer.MAX_VALUE, 1L << 30)));
            Files.delete(nextPass);
        }
    }

    private Interaction.Result plainPass(TestCase test, Path input, Path dir, ProgramChecker validator,
            Path validatorBox) throws IOException, InterruptedException {
        Path output = dir.resolve("output");
        RunOutcome run = runner.run(program, problem, SubmissionRunner.freshDir(dir, "run"), input, output,
                dir.resolve("stderr"), test.args());
        if (!run.ranCleanly()) {
            return new Interaction.Result(run.failure(), run.timeMs(), run.memoryKb(), null, run.message());
        }
        CheckResult check = validator.validate(validatorBox, test, output, null, dir);
        return new Interaction.Result(check.verdict(), run.timeMs(), run.memoryKb(), points(test, check),
                check.message());
    }
}
