package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cpjudge.judge.checker.CheckResult;
import org.cpjudge.judge.checker.Checker;
import org.cpjudge.judge.checker.DefaultChecker;
import org.cpjudge.judge.checker.ProgramChecker;
import org.cpjudge.judge.problem.IncludedFiles;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.Program;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.judge.problem.TestGroup;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.SandboxFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a submission on a problem: compiles it, runs it on each test case in order, checks each output and
 * sums up. Pass-fail problems stop at the first test case that fails (unless asked to run them all); scoring
 * problems run them all.
 *
 * <p>Thread-safe: several judgings may run at once, each in folders of its own under {@code workRoot/runs}.
 * Compiled programs (submissions and validators alike) are cached under {@code workRoot/cache}.
 */
public final class Judge {

    private static final Logger log = LoggerFactory.getLogger(Judge.class);

    private final Box box;
    private final Languages languages;
    private final Path runsDir;
    private final Compiler compiler;
    private final SubmissionRunner runner;
    private final Map<String, Checker> checkers = new ConcurrentHashMap<>();

    public Judge(Sandbox sandbox, Languages languages, Path workRoot) {
        this.box = new Box(sandbox);
        this.languages = languages;
        try {
            this.runsDir = Files.createDirectories(workRoot.resolve("runs"));
            this.compiler = new Compiler(box, workRoot.resolve("cache"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot use work root " + workRoot, e);
        }
        this.runner = new SubmissionRunner(box);
    }

    public Languages languages() {
        return languages;
    }

    public Compiler compiler() {
        return compiler;
    }

    public Box box() {
        return box;
    }

    /** A new empty folder under the work root, for helpers that run package programs. */
    public Path newScratchDir() throws IOException {
        return Files.createDirectories(runsDir.resolve(UUID.randomUUID().toString()));
    }

    public JudgeResult judge(Problem problem, Submission submission, JudgeListener listener) {
        return judge(problem, submission, listener, false);
    }

    /**
     * As {@link #judge(Problem, Submission, JudgeListener)}; with {@code runAllTests} a pass-fail problem runs
     * every test case even after one failed (the verdict is still the first failing test case's). An AI
     * contestant's attempts are judged so: comparing attempts by their outputs needs the outputs of all tests.
     */
    public JudgeResult judge(Problem problem, Submission submission, JudgeListener listener, boolean runAllTests) {
        return judge(problem, submission, listener, runAllTests ? StopRule.NEVER : StopRule.FIRST_FAILURE);
    }

    /**
     * When judging stops before the last test case. A pass-fail problem stops at the first failure; a scoring
     * problem runs on (only a legacy group with {@code on_reject: break} stops at its own first failure).
     */
    @FunctionalInterface
    public interface StopRule {
        /** Runs every test case, whatever happens (on_reject included). */
        StopRule NEVER = r -> false;
        /** The contest's rule: a pass-fail problem's judging ends at its first failed test case. */
        StopRule FIRST_FAILURE = r -> r.verdict() != Verdict.AC;

        /** Whether judging ends after this result (scoring problems ignore failures, as they run them all). */
        boolean stopsAfter(TestCaseResult result);
    }

    /** As {@link #judge(Problem, Submission, JudgeListener)}, stopping by {@code stop}. */
    public JudgeResult judge(Problem problem, Submission submission, JudgeListener listener, StopRule stop) {
        try {
            return judgeUnlessSandboxFails(problem, submission, listener, stop);
        } catch (SandboxFailure e) {
            log.warn("judging on {} failed in the sandbox: {}", problem.shortName(), e.getMessage());
            return JudgeResult.judgeError(e.getMessage());
        }
    }

    /**
     * As {@link #judge(Problem, Submission, JudgeListener, boolean)}, except that a failure of the sandbox itself
     * (a supervisor that died or wedged: infrastructure, not the submission's nor the package's doing) is thrown
     * instead of becoming a JE, so that a judge queue can try the job again.
     */
    public JudgeResult judgeUnlessSandboxFails(Problem problem, Submission submission, JudgeListener listener,
            boolean runAllTests) throws SandboxFailure {
        return judgeUnlessSandboxFails(problem, submission, listener,
                runAllTests ? StopRule.NEVER : StopRule.FIRST_FAILURE);
    }

    private JudgeResult judgeUnlessSandboxFails(Problem problem, Submission submission, JudgeListener listener,
            StopRule stop) throws SandboxFailure {
        Path dir = runsDir.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(dir);
            return judgeIn(dir, problem, submission, listener, stop);
        } catch (SandboxFailure e) {
            throw e;
        } catch (IOException e) {
            log.warn("judging on {} failed", problem.shortName(), e);
            return JudgeResult.judgeError("judge failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JudgeResult.judgeError("judging interrupted");
        } finally {
            HostFiles.deleteTree(dir);
        }
    }

    private JudgeResult judgeIn(Path dir, Problem problem, Submission submission, JudgeListener listener,
            StopRule stop) throws IOException, InterruptedException {
        long codeBytes = submission.files().stream()
                .mapToLong(f -> f.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        if (codeBytes > problem.limits().codeKib() * 1024) {
            // the format checks the code limit before included files are added
            return JudgeResult.compileError("the submission is " + (codeBytes + 1023) / 1024
                    + " KiB, over the problem's code limit of " + problem.limits().codeKib() + " KiB");
        }
        Compilation program;
        if (submission.languageId().equals(BuildScripts.LANGUAGE_ID)) {
            // a package's own program that brings its build/run scripts (the API never takes such)
            listener.compiling();
            program = compiler.compileScripts(submission.files(), problem.limits().compileTimeS());
        } else {
            var language = languages.byId(submission.languageId());
            if (language.isEmpty()) {
                // the API took the submission because some worker offers the language; this one lacks it
                return JudgeResult.judgeError("language " + submission.languageId()
                        + " is not installed on this worker");
            }
            listener.compiling();
            List<SourceFile> files = IncludedFiles.addTo(problem, language.get(), languages, submission.files());
            program = compiler.compile(language.get(), files, problem.limits().compileTimeS());
        }
        if (program.judgeError()) {
            return JudgeResult.judgeError(program.output());
        }
        if (!program.ok()) {
            return JudgeResult.compileError(program.output());
        }
        Checker checker;
        TestlibInteraction interaction = null;
        try {
            checker = checker(problem);
            if (problem.interactor().isPresent()) {
                interaction = new TestlibInteraction(box, runner, compileValidator(problem, problem.interactor().get()),
                        checker);
            }
        } catch (ValidatorException e) {
            return new JudgeResult(Verdict.JE, null, 0, 0, List.of(), program.output() + "\n" + e.getMessage());
        }
        listener.running();
        var run = new Run(new TestCaseRunner(runner, checker, problem, program, interaction), dir, problem, stop);
        run.group(problem.data());
        return summarize(problem, run.results, program.output());
    }

    /** One judging's walk over the test data tree, in the format's order. */
    private static final class Run {
        private final TestCaseRunner tests;
        private final Path dir;
        private final Problem problem;
        private final StopRule stop;
        private final List<TestCaseResult> results = new ArrayList<>();
        private boolean stopped;

        Run(TestCaseRunner tests, Path dir, Problem problem, StopRule stop) {
            this.tests = tests;
            this.dir = dir;
            this.problem = problem;
            this.stop = stop;
        }

        /** Runs a group's test cases and subgroups; true when one of them was rejected. */
        boolean group(TestGroup group) throws IOException, InterruptedException {
            boolean rejected = false;
            for (Object child : group.children()) {
                if (stopped) {
                    return rejected;
                }
                boolean failed = child instanceof TestCase test ? test(test) : group((TestGroup) child);
                rejected |= failed;
                if (failed && group.scoring().breakOnReject() && problem.scoring() && stop != StopRule.NEVER) {
                    return true; // legacy on_reject: break ends this group, its parent goes on by its own rule
                }
            }
            return rejected;
        }

        private boolean test(TestCase test) throws IOException, InterruptedException {
            TestCaseResult r = tests.run(test, dir, results.size());
            results.add(r);
            if (stop.stopsAfter(r) && !(problem.scoring() && stop == StopRule.FIRST_FAILURE)) {
                stopped = true;
            }
            return r.verdict() != Verdict.AC;
        }
    }

    private static JudgeResult summarize(Problem problem, List<TestCaseResult> results, String compileOutput) {
        Verdict verdict = results.stream().map(TestCaseResult::verdict).filter(v -> v != Verdict.AC).findFirst()
                .orElse(Verdict.AC);
        // A broken judging says nothing about the submission. Pass-fail: only when it is the first failure,
        // which it always is unless every test ran (a JE after a WA leaves the WA standing).
        if (problem.scoring() && results.stream().anyMatch(r -> r.verdict() == Verdict.JE)) {
            verdict = Verdict.JE;
        }
        long time = results.stream().mapToLong(TestCaseResult::timeMs).max().orElse(0);
        long memory = results.stream().mapToLong(TestCaseResult::memoryKb).max().orElse(0);
        Double score = null;
        List<SubtaskScore> subtasks = List.of();
        if (problem.scoring()) {
            Map<String, TestCaseResult> byName = new LinkedHashMap<>();
            results.forEach(r -> byName.put(r.name(), r));
            Scorer scorer = new Scorer(byName, problem.data());
            score = scorer.score();
            subtasks = scorer.subtasks();
        }
        return new JudgeResult(verdict, score, time, memory, results, compileOutput, subtasks);
    }

    /** The problem's output validator, compiled once per validator source and kept. */
    Checker checker(Problem problem) throws IOException, InterruptedException, ValidatorException {
        if (problem.outputValidator().isEmpty()) {
            return new DefaultChecker(problem.outputLimitBytes());
        }
        Program validator = problem.outputValidator().get();
        Compilation compiled = compileValidator(problem, validator);
        boolean testlib = problem.checkerProtocol() == Problem.CheckerProtocol.TESTLIB;
        Problem.ValidationLimits limits = problem.limits().validation();
        return checkers.computeIfAbsent(compiled.programDir() + "/" + testlib + "/" + limits,
                k -> new ProgramChecker(box, compiled, testlib, limits));
    }

    /** Compiles a program of the package (a validator); failing is the package's fault. */
    public Compilation compileValidator(Problem problem, Program program)
            throws IOException, InterruptedException, ValidatorException {
        var source = PackagePrograms.load(program, languages).map(problem.constants()::apply);
        if (source.isEmpty()) {
            throw new ValidatorException(program.name() + ": no installed language for its files"
                    + " and no build or run script");
        }
        long seconds = Math.max(60, problem.limits().compileTimeS());
        var files = new ArrayList<>(source.get().files());
        for (Path companion : program.companions()) {
            // headers such as Polygon's files/testlib.h, compiled beside the program though kept elsewhere
            files.add(new SourceFile(companion.getFileName().toString(),
                    new String(Files.readAllBytes(companion), java.nio.charset.StandardCharsets.UTF_8)));
        }
        Compilation c = source.get().languageId().equals(BuildScripts.LANGUAGE_ID)
                ? compiler.compileScripts(files, seconds)
                : compiler.compile(languages.byId(source.get().languageId()).orElseThrow(), files, seconds);
        if (!c.ok()) {
            throw new ValidatorException(program.name() + " does not compile: " + c.output());
        }
        return c;
    }

    /** A package program (validator) that cannot be used. */
    public static final class ValidatorException extends Exception {
        public ValidatorException(String message) {
            super(message);
        }
    }
}
