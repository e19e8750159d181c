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
import org.cpjudge.judge.Verdict;
import org.cpjudge.sandbox.SandboxResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a package and makes it ready to judge with: checks that its validators compile, runs its input
 * validators on every input, and settles the time limit.
 *
 * <p>Without an explicit time limit the limit is computed as problemtools does: the accepted submissions are
 * judged with a generous limit, and the slowest test case of the slowest one, times the package's multiplier
 * ({@code time_multiplier}, legacy default 5; {@code ac_to_time_limit}, 2023-07 default 2), rounded up to the
 * time resolution (a whole second), is the limit. With no accepted submission it is 1 s.
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
            problem = problem.withTimeLimitMs(computeTimeLimit(problem));
        }
        for (String warning : warnings) {
            log.warn("problem {}: {}", problem.shortName(), warning);
        }
        return problem;
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
     * Every input validator must accept (exit 42; a testlib one exit 0) every test input. Validators in formats
     * we cannot run (.viva, .ctd) are skipped with a warning.
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
            var argv = new ArrayList<>(compiled.runArgv(2048));
            Path log = dir.resolve("validator.log");
            SandboxResult r = judge.box().run(new Box.Run(argv, boxDir, test.input(), log, log, compiled.language(),
                    Box.toolLimits(60, 2048)));
            if (r.outcome() == SandboxResult.Outcome.INTERNAL_ERROR) {
                throw new IOException("sandbox failed: " + r.message());
            }
            // Kattis' validators accept with exit 42, testlib's (Polygon's) with 0
            int accept = program.protocol() == Problem.CheckerProtocol.TESTLIB ? 0 : INPUT_VALIDATOR_ACCEPT;
            if (r.outcome() != SandboxResult.Outcome.EXITED || r.exitCode() != accept) {
                throw new ProblemPackageException(problem.name(), problem.root().relativize(test.input()),
                        "rejected by input validator " + program.name() + ": "
                                + HostFiles.readText(log, 4096).strip());
            }
        } finally {
            HostFiles.deleteTree(dir);
        }
    }

    private long computeTimeLimit(Problem problem) {
        Problem measuring = problem.withTimeLimitMs(MEASURING_TIME_LIMIT_MS);
        long slowest = -1;
        for (ReferenceSubmission s : problem.submissions()) {
            if (!s.folder().equals("accepted")) {
                continue;
            }
            try {
                Optional<Submission> submission = PackagePrograms.load(s, judge.languages());
                if (submission.isEmpty()) {
                    log.warn("problem {}: no installed language for {}", problem.shortName(), s.displayName());
                    continue;
                }
                JudgeResult r = judge.judge(measuring, submission.get(), JudgeListener.NONE);
                if (r.verdict() == Verdict.AC) {
                    slowest = Math.max(slowest, r.timeMs());
                } else {
                    log.warn("problem {}: accepted submission {} got {}", problem.shortName(), s.displayName(),
                            r.verdict());
                }
            } catch (IOException e) {
                log.warn("problem {}: cannot read {}", problem.shortName(), s.displayName(), e);
            }
        }
        if (slowest < 0) {
            return ProblemPackage.DEFAULT_TIME_LIMIT_MS;
        }
        return timeLimitFor(slowest, problem.limits().timeMultiplier(), problem.limits().timeResolutionMs());
    }

    /** The slowest accepted time times the multiplier, rounded up to a multiple of the resolution (≥ one). */
    static long timeLimitFor(long slowestMs, double multiplier, long resolutionMs) {
        double wanted = slowestMs * multiplier;
        long steps = Math.max(1, (long) Math.ceil(wanted / resolutionMs - 1e-9));
        return steps * resolutionMs;
    }
}
