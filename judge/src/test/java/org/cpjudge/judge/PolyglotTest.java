package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every installed language judges a sum of two 64-bit numbers through the real sandbox under the polyglot
 * package's 256 MiB limit; the wrong programs get WA. Every language the CI installs must be detected, so a
 * broken entry in languages.yaml fails here rather than the language quietly going missing.
 */
class PolyglotTest {

    private static final Path PACKAGE = PackagesTest.PACKAGES.resolve("polyglot");
    private static final Path CI_PACKAGES = Path.of("../.ci/debian-packages");
    /** The toolchains every judge machine has (the Dockerfile's and the CI machine's base). */
    private static final List<String> BASE = List.of("c", "cpp", "cpp20", "java", "python3");
    private static final Pattern LANGUAGE_NOTE = Pattern.compile("#\\s*languages?:\\s*([\\w ]+)");

    private static Problem problem;

    @BeforeAll
    static void load() throws Exception {
        problem = new ProblemImporter(TestJudge.get()).importPackage(PACKAGE);
        assertEquals(256, problem.memoryLimitMib());
    }

    @Test
    void everyLanguageTheCiInstallsIsDetected() throws IOException {
        Set<String> expected = new LinkedHashSet<>(BASE);
        for (String line : Files.readAllLines(CI_PACKAGES, StandardCharsets.UTF_8)) {
            Matcher m = LANGUAGE_NOTE.matcher(line);
            if (!line.strip().startsWith("#") && m.find()) {
                expected.addAll(List.of(m.group(1).strip().split("\\s+")));
            }
        }
        assertTrue(expected.size() > BASE.size() + 10, "the language notes in " + CI_PACKAGES + " were read");
        Languages languages = TestJudge.get().languages();
        for (String id : expected) {
            assertTrue(LanguageTable.standard().byId(id).isPresent(), id + " is not in languages.yaml");
            assertTrue(languages.byId(id).isPresent(), id + " is installed by the CI but not detected; detected: "
                    + languages.installed().stream().map(Language::id).toList());
        }
    }

    @Test
    void everyInstalledLanguageSumsTwoNumbers() throws Exception {
        var failures = new ArrayList<String>();
        var times = new StringBuilder("language        compile ms   run ms (5 tests)   max cpu ms   max KiB\n");
        for (Language language : TestJudge.get().languages().installed()) {
            Optional<SourceFile> program = programFor(language);
            if (program.isEmpty()) {
                failures.add(language.id() + ": no sum program in " + PACKAGE.resolve("submissions/accepted"));
                continue;
            }
            Timed timed = judge(language, program.get());
            JudgeResult r = timed.result();
            times.append(String.format("%-15s %10d %10d %18d %12d%n", language.id(), timed.compileMs(),
                    timed.runMs(), r.timeMs(), r.memoryKb()));
            if (r.verdict() != Verdict.AC || r.testcases().size() != problem.testCases().size()) {
                failures.add(language.label() + " " + program.get().name() + ": " + r.verdict() + "\n"
                        + r.compileOutput() + r.testcases());
            }
        }
        System.out.println(times);
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    @Test
    void wrongProgramsGetWrongAnswer() throws Exception {
        List<Path> wrong = files("wrong_answer");
        assertFalse(wrong.isEmpty());
        for (Path file : wrong) {
            Language language = TestJudge.get().languages().forFileName(file.getFileName().toString())
                    .orElseThrow(() -> new AssertionError("no installed language for " + file));
            JudgeResult r = judge(language, source(file)).result();
            assertEquals(Verdict.WA, r.verdict(), file + " in " + language.label() + ": " + r.compileOutput()
                    + r.testcases());
        }
    }

    @Test
    void runtimesOnAVirtualMachineRunOutOfMemoryAsMemoryLimitExceeded() throws Exception {
        // GHC's heap is capped at the limit (+RTS -M), Mono's and SBCL's grow until the box's cgroup stops them
        List<Path> hogs = files("memory_limit_exceeded");
        assertFalse(hogs.isEmpty());
        for (Path file : hogs) {
            Language language = TestJudge.get().languages().forFileName(file.getFileName().toString())
                    .orElseThrow(() -> new AssertionError("no installed language for " + file));
            JudgeResult r = judge(language, source(file)).result();
            assertEquals(Verdict.MLE, r.verdict(), file + " in " + language.label() + ": " + r.compileOutput()
                    + r.testcases());
        }
    }

    /**
     * The accepted program whose extension means this language, else one the language reads (PyPy reads
     * sum.py, C++20 sum.cpp, Perl a .pl file when the submission names it).
     */
    private static Optional<SourceFile> programFor(Language language) throws IOException {
        Languages languages = TestJudge.get().languages();
        List<Path> accepted = files("accepted");
        Optional<Path> own = accepted.stream()
                .filter(f -> languages.forFileName(f.getFileName().toString()).map(language::equals).orElse(false))
                .findFirst();
        Optional<Path> any = own.isPresent() ? own
                : accepted.stream().filter(f -> language.accepts(f.getFileName().toString())).findFirst();
        return any.isPresent() ? Optional.of(source(any.get())) : Optional.empty();
    }

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> list = Files.list(PACKAGE.resolve("submissions").resolve(folder))) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static SourceFile source(Path file) throws IOException {
        return new SourceFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    private record Timed(JudgeResult result, long compileMs, long runMs) {
    }

    /** Judges, timing the compile (which a second run of the test finds in the cache) and the runs apart. */
    private static Timed judge(Language language, SourceFile program) {
        long[] marks = new long[3];
        marks[0] = System.nanoTime();
        JudgeResult r = TestJudge.get().judge(problem, new Submission(language.id(), List.of(program)),
                new JudgeListener() {
                    @Override
                    public void compiling() {
                    }

                    @Override
                    public void running() {
                        marks[1] = System.nanoTime();
                    }
                });
        marks[2] = System.nanoTime();
        if (marks[1] == 0) {
            marks[1] = marks[2];
        }
        return new Timed(r, (marks[1] - marks[0]) / 1_000_000, (marks[2] - marks[1]) / 1_000_000);
    }
}
