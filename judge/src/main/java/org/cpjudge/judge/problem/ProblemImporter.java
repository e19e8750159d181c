package org.cpjudge.judge.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.judge.Box;
import org.cpjudge.judge.Compilation;
import org.cpjudge.judge.HostFiles;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.JudgeListener;
import org.cpjudge.judge.JudgeResult;
import org.cpjudge.judge.PackagePrograms;
import org.cpjudge.judge.Submission;
import org.cpjudge.judge.TestCaseResult;
import org.cpjudge.judge.Verdict;
import org.cpjudge.judge.problem.SubmissionRules.Rule;
import org.cpjudge.sandbox.SandboxResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a package and makes it ready to judge with: checks that its validators compile, runs its input
 * validators on every input, and settles the time limit.
 *
 * <p>Without an explicit time limit the limit is computed as the format says: the submissions that bound it
 * from below (2025-09: those never permitted TLE, accepted, wrong_answer, run_time_error; legacy and 2023-07:
 * the accepted ones; any with {@code use_for_time_limit: lower}) are judged with a generous limit, and the slowest test case of the slowest one, times the package's
 * multiplier ({@code time_multiplier}, legacy default 5; {@code ac_to_time_limit}, 2023-07 default 2), rounded
 * up to the time resolution (a whole second), is the limit. With none it is 1 s. Then each submission that
 * must exceed the limit ({@code time_limit_exceeded}) is judged with the limit times the safety margin
 * ({@code time_safety_margin}, legacy default 2; {@code time_limit_to_tle}, default 1.5): one that does not
 * exceed it there makes the import warn, since no limit tells it from the accepted ones.
 */
public final class ProblemImporter {

    private static final Logger log = LoggerFactory.getLogger(ProblemImporter.class);
    static final long MEASURING_TIME_LIMIT_MS = 10_000;
    private static final int INPUT_VALIDATOR_ACCEPT = 42;

    private final Judge judge;

    public ProblemImporter(Judge judge) {
        this.judge = judge;
    }

    public Problem importPackage(Path root) throws ProblemPackageException, IOException, InterruptedException {
        Problem problem = ProblemPackage.load(root);
        checkOutputValidator(problem);
        checkInteractor(problem);
        List<String> warnings = new ArrayList<>(problem.warnings());
        runInputValidators(problem, warnings);
        if (!problem.limits().timeLimitExplicit()) {
            problem = problem.withTimeLimitMs(computeTimeLimit(problem, warnings));
            checkTimeLimitExceeders(problem, warnings);
        }
        for (String warning : warnings) {
            log.warn("problem {}: {}", problem.shortName(), warning);
        }
        return problem.withWarnings(warnings.subList(problem.warnings().size(), warnings.size()));
    }

    private void checkOutputValidator(Problem problem) throws ProblemPackageException, IOException,
            InterruptedException {
        if (problem.outputValidator().isEmpty()) {
            return;
        }
        Program validator = problem.outputValidator().get();
        try {
            judge.compileValidator(problem, validator);
        } catch (Judge.ValidatorException e) {
            throw new ProblemPackageException(problem.name(), problem.root().relativize(validator.path()),
                    e.getMessage());
        }
    }

    /** A Polygon interactor is a validator too: it must compile. */
    private void checkInteractor(Problem problem) throws ProblemPackageException, IOException, InterruptedException {
        if (problem.interactor().isEmpty()) {
            return;
        }
        Program interactor = problem.interactor().get();
        try {
            judge.compileValidator(problem, interactor);
        } catch (Judge.ValidatorException e) {
            throw new ProblemPackageException(problem.name(), problem.root().relativize(interactor.path()),
                    e.getMessage());
        }
    }

    /**
     * Every input validator must accept every test input: exit 42 (Kattis), or 0 when it speaks testlib (a
     * Polygon validator, or a Kattis package's whose problem.yaml says {@code validator_protocol: testlib}). It
     * gets the test case's {@code input_validator_args} and then its {@code args}. Validators in formats we
     * cannot run (.viva, .ctd) are skipped with a warning.
     */
    private void runInputValidators(Problem problem, List<String> warnings)
            throws ProblemPackageException, IOException, InterruptedException {
        for (Program program : problem.inputValidators()) {
            String file = program.path().getFileName().toString();
            Optional<Submission> source = PackagePrograms.load(program, judge.languages());
            if (file.endsWith(".viva") || file.endsWith(".ctd") || source.isEmpty()) {
                warnings.add("input validator " + program.name() + " skipped: no way to run it here");
                continue;
            }
            Compilation compiled;
            try {
                compiled = judge.compileValidator(problem, program);
            } catch (Judge.ValidatorException e) {
                throw new ProblemPackageException(problem.name(), problem.root().relativize(program.path()),
                        e.getMessage());
            }
            for (TestCase test : problem.testCases()) {
                validateInput(problem, program, compiled, test);
            }
        }
    }

    private void validateInput(Problem problem, Program program, Compilation compiled, TestCase test)
            throws ProblemPackageException, IOException, InterruptedException {
        Path dir = judge.newScratchDir();
        try {
            Path boxDir = dir.resolve("box");
            HostFiles.copyTree(compiled.programDir(), boxDir);
            var argv = new ArrayList<>(compiled.runArgv(problem.limits().validation().memoryMib()));
            argv.addAll(test.inputValidatorArgs(programName(program)));
            argv.addAll(test.args());
            Path log = dir.resolve("validator.log");
            SandboxResult r = judge.box().run(new Box.Run(argv, boxDir, test.input(), log, log, compiled.language(),
                    Box.toolLimits(problem.limits().validation().timeS(), problem.limits().validation().memoryMib())));
            // a sandbox failure was thrown by the box (SandboxFailure)
            // Kattis' validators accept with exit 42, testlib's (Polygon's, or as problem.yaml says) with 0
            boolean testlib = program.protocol() == Problem.CheckerProtocol.TESTLIB
                    || problem.checkerProtocol() == Problem.CheckerProtocol.TESTLIB;
            int accept = testlib ? 0 : INPUT_VALIDATOR_ACCEPT;
            if (r.outcome() != SandboxResult.Outcome.EXITED || r.exitCode() != accept) {
                throw new ProblemPackageException(problem.name(), problem.root().relativize(test.input()),
                        "rejected by input validator " + program.name() + ": "
                                + HostFiles.readText(log, 4096).strip());
            }
        } finally {
            HostFiles.deleteTree(dir);
        }
    }

    /** A program's name within the package: its file's base name, or its folder's name. */
    private static String programName(Program program) {
        String file = program.path().getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 && !java.nio.file.Files.isDirectory(program.path()) ? file.substring(0, dot) : file;
    }

    private long computeTimeLimit(Problem problem, List<String> warnings) throws IOException {
        Problem measuring = problem.withTimeLimitMs(MEASURING_TIME_LIMIT_MS);
        long slowest = -1;
        for (ReferenceSubmission s : problem.submissions()) {
            List<Rule> lower = rules(problem, s).stream().filter(rule -> bindsFromBelow(problem, s, rule)).toList();
            if (lower.isEmpty()) {
                continue;
            }
            Optional<Submission> submission = load(problem, s, warnings);
            if (submission.isEmpty()) {
                continue;
            }
            JudgeResult r = judge.judge(measuring, submission.get(), JudgeListener.NONE, Judge.StopRule.NEVER);
            if (r.verdict() == Verdict.CE || r.verdict() == Verdict.JE) {
                warnings.add(s.displayName() + " got " + r.verdict() + " while measuring the time limit");
                continue;
            }
            for (TestCaseResult t : r.testcases()) {
                if (t.verdict() == Verdict.TLE) {
                    warnings.add(s.displayName() + " ran over " + MEASURING_TIME_LIMIT_MS + " ms on " + t.name()
                            + " while measuring the time limit");
                } else if (lower.stream().anyMatch(rule -> rule.covers(t.name()))) {
                    slowest = Math.max(slowest, t.timeMs());
                }
            }
        }
        if (slowest < 0) {
            return ProblemPackage.DEFAULT_TIME_LIMIT_MS;
        }
        return timeLimitFor(slowest, problem.limits().timeMultiplier(), problem.limits().timeResolutionMs());
    }

    /**
     * Judges each submission that must exceed the limit with the limit times the safety margin; one that keeps
     * within it on every test case its rule covers gets a warning, as the chosen limit would let it pass.
     */
    private void checkTimeLimitExceeders(Problem problem, List<String> warnings) throws IOException {
        long margin = (long) Math.ceil(problem.timeLimitMs() * problem.limits().tleMultiplier());
        Problem generous = problem.withTimeLimitMs(margin);
        for (ReferenceSubmission s : problem.submissions()) {
            List<Rule> upper = rules(problem, s).stream().filter(Rule::upperBound).toList();
            if (upper.isEmpty()) {
                continue;
            }
            Optional<Submission> submission = load(problem, s, warnings);
            if (submission.isEmpty()) {
                continue;
            }
            JudgeResult r = judge.judge(generous, submission.get(), JudgeListener.NONE,
                    t -> t.verdict() == Verdict.TLE && upper.stream().anyMatch(rule -> rule.covers(t.name())));
            boolean exceeded = r.testcases().stream().anyMatch(t -> t.verdict() == Verdict.TLE
                    && upper.stream().anyMatch(rule -> rule.covers(t.name())));
            if (!exceeded) {
                warnings.add(s.displayName() + " is expected to exceed the time limit but ran within "
                        + problem.limits().tleMultiplier() + " × " + problem.timeLimitMs() + " ms (its slowest: "
                        + r.timeMs() + " ms, " + r.verdict() + "): no time limit tells it from the accepted ones");
            }
        }
    }

    /**
     * Whether the rule's submission bounds the limit from below: 2025-09 takes every submission never allowed
     * TLE (wrong_answer and run_time_error too); legacy and 2023-07, as problemtools does, the accepted ones
     * (and any submissions.yaml names {@code use_for_time_limit: lower}).
     */
    private static boolean bindsFromBelow(Problem problem, ReferenceSubmission s, Rule rule) {
        if (!rule.lowerBound()) {
            return false;
        }
        return problem.format() == Problem.Format.V2025_09 || s.folder().equals("accepted")
                || rule.timeLimitUse() == org.cpjudge.judge.problem.SubmissionRules.TimeLimitUse.LOWER;
    }

    private static List<Rule> rules(Problem problem, ReferenceSubmission s) {
        return problem.submissionRules().forSubmission(s.displayName()).rules();
    }

    private Optional<Submission> load(Problem problem, ReferenceSubmission s, List<String> warnings)
            throws IOException {
        Optional<Submission> submission = PackagePrograms.load(s, judge.languages()).map(problem.constants()::apply);
        if (submission.isEmpty()) {
            warnings.add(s.displayName() + " skipped: no installed language takes its files");
        }
        return submission;
    }

    /** The slowest accepted time times the multiplier, rounded up to a multiple of the resolution (≥ one). */
    static long timeLimitFor(long slowestMs, double multiplier, long resolutionMs) {
        double wanted = slowestMs * multiplier;
        long steps = Math.max(1, (long) Math.ceil(wanted / resolutionMs - 1e-9));
        return steps * resolutionMs;
    }
}
