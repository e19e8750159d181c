package org.cpjudge.judge.checker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.judge.Box;
import org.cpjudge.judge.Compilation;
import org.cpjudge.judge.HostFiles;
import org.cpjudge.judge.Verdict;
import org.cpjudge.judge.problem.Problem.ValidationLimits;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxResult.Outcome;

/**
 * A package's own output validator, run in the sandbox in a box holding a copy of the program, the test
 * input and answer, and (testlib) the output. It is the package's code, but still code we did not write.
 *
 * <p>Kattis protocol: {@code validator input answer feedback/ [args] < output}; exit 42 accepts, 43 rejects,
 * {@code feedback/judgemessage.txt} explains and {@code feedback/score.txt} scores.
 * Testlib protocol: {@code checker input output answer}; exit 0 OK, 1 WA, 2 PE (a wrong answer), 3 FAIL
 * (the checker's own failure), 7 partial points (the score is the first number it prints on stderr).
 * Anything else, a crash included, is a judge error: never the submission's fault.
 */
public final class ProgramChecker implements Checker {

    public static final int KATTIS_ACCEPT = 42;
    public static final int KATTIS_REJECT = 43;
    private static final int MAX_MESSAGE = 64 * 1024;

    private final Box box;
    private final Compilation program;
    private final boolean testlib;
    private final ValidationLimits limits;

    public ProgramChecker(Box box, Compilation program, boolean testlib, ValidationLimits limits) {
        this.box = box;
        this.program = program;
        this.testlib = testlib;
        this.limits = limits;
    }

    public ProgramChecker(Box box, Compilation program, boolean testlib) {
        this(box, program, testlib, ValidationLimits.DEFAULT);
    }

    @Override
    public CheckResult check(TestCase test, Path output, Path scratch) throws IOException, InterruptedException {
        HostFiles.deleteTree(scratch);
        Files.createDirectories(scratch);
        return validate(prepareBox(test, scratch), test, output, null, scratch);
    }

    /**
     * Runs the validator in a box made by {@link #prepareBox}. With {@code toSubmission} (interactive problems)
     * its standard output goes there, to the submission; {@code output} is what it reads.
     */
    public CheckResult validate(Path boxDir, TestCase test, Path output, Path toSubmission, Path scratch)
            throws IOException, InterruptedException {
        return validateTimed(boxDir, test, output, toSubmission, scratch).result();
    }

    /** A check and how long the validator ran by the wall clock (who ended first matters interactively). */
    public record Timed(CheckResult result, long wallTimeMs) {
    }

    public Timed validateTimed(Path boxDir, TestCase test, Path output, Path toSubmission, Path scratch)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(program.runArgv(limits.memoryMib()));
        Path stdin;
        if (testlib) {
            Files.copy(output, boxDir.resolve("output"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            argv.addAll(List.of("input", "output", "answer"));
            stdin = null;
        } else {
            argv.addAll(List.of("input", "answer", "feedback/"));
            argv.addAll(test.validatorArgs());
            stdin = output;
        }
        Path stdout = toSubmission != null ? toSubmission : scratch.resolve("validator.out");
        Path stderr = scratch.resolve("validator.err");
        SandboxResult r = box.run(new Box.Run(argv, boxDir, stdin, stdout, stderr, program.language(),
                Box.toolLimits(limits.timeS(), limits.memoryMib())));
        return new Timed(judge(r, boxDir, stderr), r.wallTimeMs());
    }

    /** The box for one check: program, input and answer, an empty feedback folder. */
    public Path prepareBox(TestCase test, Path scratch) throws IOException {
        Path boxDir = scratch.resolve("box");
        HostFiles.copyTree(program.programDir(), boxDir);
        HostFiles.copyFile(test.input(), boxDir.resolve("input"));
        HostFiles.copyFile(test.answer(), boxDir.resolve("answer"));
        Path feedback = Files.createDirectories(boxDir.resolve("feedback"));
        // The validator runs as the box user; the box folder itself is private to it during the run.
        Files.setPosixFilePermissions(feedback, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        return boxDir;
    }

    /** Reads a finished validator run by its protocol. */
    private CheckResult judge(SandboxResult r, Path boxDir, Path stderr) throws IOException {
        String message = HostFiles.readText(boxDir.resolve("feedback/judgemessage.txt"), MAX_MESSAGE);
        if (r.outcome() != Outcome.EXITED) {
            return CheckResult.judgeError("output validator failed: " + r.outcome()
                    + (r.signal() != 0 ? " signal " + r.signal() : "") + " " + r.message());
        }
        int code = r.exitCode();
        if (testlib) {
            String said = HostFiles.readText(stderr, MAX_MESSAGE).strip();
            return switch (code) {
                case 0 -> new CheckResult(Verdict.AC, null, said);
                case 1, 2 -> CheckResult.wrong(said);
                case 7 -> new CheckResult(Verdict.AC, firstNumber(said), said);
                default -> CheckResult.judgeError("checker failed (exit " + code + "): " + said);
            };
        }
        Double score = parseScore(HostFiles.readText(boxDir.resolve("feedback/score.txt"), 1024));
        Double multiplier = parseScore(HostFiles.readText(boxDir.resolve("feedback/score_multiplier.txt"), 1024));
        if (code == KATTIS_ACCEPT && score != null && multiplier != null) {
            return CheckResult.judgeError("output validator wrote both score.txt and score_multiplier.txt");
        }
        if (multiplier != null && (multiplier < 0 || multiplier > 1)) {
            return CheckResult.judgeError("score_multiplier.txt must be between 0 and 1, not " + multiplier);
        }
        return switch (code) {
            case KATTIS_ACCEPT -> new CheckResult(Verdict.AC, score, message, multiplier);
            case KATTIS_REJECT -> new CheckResult(Verdict.WA, score, message);
            default -> CheckResult.judgeError("output validator exited with " + code + ": " + message);
        };
    }

    public boolean isTestlib() {
        return testlib;
    }

    private static Double parseScore(String text) {
        try {
            return text.isBlank() ? null : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double firstNumber(String text) {
        var m = java.util.regex.Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?").matcher(text);
        return m.find() ? Double.parseDouble(m.group()) : null;
    }
}
