package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cpjudge.judge.problem.IncludedFiles;
import org.cpjudge.judge.problem.PackageArchive;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.cpjudge.judge.problem.ReferenceSubmission;
import org.cpjudge.judge.verify.PackageVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Programs shipped in packages, judged through the real sandbox: build/run scripts, {@code include/} folders,
 * sources in subfolders with headers, odd file names and visualizers that must not matter.
 */
class PackageProgramsTest {

    static final Path PACKAGES = Path.of("src/test/resources/packages");

    @TempDir
    Path tmp;

    private static Problem load(Path root) throws Exception {
        return new ProblemImporter(TestJudge.get()).importPackage(root);
    }

    private static List<PackageVerifier.Row> verify(String name, Problem problem) {
        List<PackageVerifier.Row> rows = new PackageVerifier(TestJudge.get()).verify(problem);
        String table = PackageVerifier.table(rows);
        System.out.println("verify " + name + "\n" + table + PackageVerifier.summary(rows));
        assertFalse(rows.isEmpty());
        for (PackageVerifier.Row row : rows) {
            assertTrue(row.matches(), row.submission().displayName() + " in\n" + table);
        }
        return rows;
    }

    private static JudgeResult judge(Problem problem, String submission) throws Exception {
        ReferenceSubmission ref = problem.submissions().stream().filter(s -> s.displayName().equals(submission))
                .findFirst().orElseThrow(() -> new AssertionError("no submission " + submission));
        Submission loaded = PackagePrograms.load(ref, TestJudge.get().languages()).orElseThrow();
        return TestJudge.get().judge(problem, loaded, JudgeListener.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scripted", "nested", "included", "includedlegacy"})
    void everySubmissionGetsTheVerdictItsFolderNames(String name) throws Exception {
        verify(name, load(PACKAGES.resolve(name)));
    }

    @Test
    void buildAndRunScriptsBuildInTheBoxAndAreCachedLikeCompilations() throws Exception {
        Problem problem = load(PACKAGES.resolve("scripted"));
        Judge judge = TestJudge.get();
        Compilation validator = judge.compileValidator(problem, problem.outputValidator().orElseThrow());
        assertNull(validator.language());
        assertEquals(List.of("./run"), validator.runArgv(2048), "a script with a shebang runs as it is");
        assertTrue(Files.isExecutable(validator.programDir().resolve("run")), "cc built run in the box");
        assertEquals(validator.programDir(),
                judge.compileValidator(problem, problem.outputValidator().orElseThrow()).programDir(),
                "the second build is the cached one");

        Compilation inputValidator = judge.compileValidator(problem, problem.inputValidators().get(0));
        assertEquals(List.of("/bin/sh", "run"), inputValidator.runArgv(2048), "no shebang: a POSIX shell script");

        JudgeResult built = judge(problem, "accepted/built");
        assertEquals(Verdict.AC, built.verdict());
        JudgeResult failing = judge(problem, "compile_error/failing_build");
        assertEquals(Verdict.CE, failing.verdict());
        assertTrue(failing.compileOutput().contains("this build fails on purpose"), failing.compileOutput());
        JudgeResult noRun = judge(problem, "compile_error/no_run");
        assertEquals(Verdict.CE, noRun.verdict());
        assertTrue(noRun.compileOutput().contains("no 'run' file"), noRun.compileOutput());
        JudgeResult wrong = judge(problem, "wrong_answer/square.c");
        assertTrue(wrong.testcases().stream().anyMatch(t -> t.message().contains("expected 6, got 9")),
                "the built validator's judgemessage: " + wrong.testcases());
    }

    @Test
    void anInputValidatorGivenAsRunScriptRejectsBadInput() throws Exception {
        Path copy = copyPackage("scripted");
        Files.writeString(copy.resolve("data/secret/3.in"), "0\n");
        Files.writeString(copy.resolve("data/secret/3.ans"), "0\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                org.cpjudge.judge.problem.ProblemPackageException.class, () -> load(copy));
        assertTrue(e.getMessage().contains("rejected by input validator input_validators/sh_range"), e.getMessage());
    }

    @Test
    void outputValidatorInASubfolderWithAHeaderIsFoundAndCompiled() throws Exception {
        Problem problem = load(PACKAGES.resolve("nested"));
        Compilation validator = TestJudge.get().compileValidator(problem, problem.outputValidator().orElseThrow());
        assertEquals("cpp", validator.language().id());
        assertEquals(List.of("multiple.h", "validate.cpp"), validator.files().stream().map(SourceFile::name).toList(),
                "output_validator/ holds only checker/, so checker/ is the program");
        assertTrue(validator.language().compileArgv(validator.files()).stream().noneMatch(a -> a.endsWith(".h")),
                "headers are shipped, not compiled");
        Compilation input = TestJudge.get().compileValidator(problem, problem.inputValidators().get(0));
        assertEquals(List.of("README.md", "include/bounds.h", "src/validate.cpp"),
                input.files().stream().map(SourceFile::name).toList(), "two folders: their paths are kept");
        JudgeResult wrong = judge(problem, "wrong_answer/n.py");
        assertEquals(Verdict.WA, wrong.verdict());
        assertTrue(wrong.testcases().stream().anyMatch(t -> t.message().contains("is not a multiple of 3")),
                wrong.testcases().toString());
    }

    @Test
    void includedFilesJoinTheSubmissionForItsLanguageAndReplaceItsOwn() throws Exception {
        Problem problem = load(PACKAGES.resolve("included"));
        Languages languages = TestJudge.get().languages();
        Map<String, String> cpp = files(problem, "accepted/own_header", languages);
        assertEquals(List.of("driver.cpp", "solve.cpp", "solve.h"), cpp.keySet().stream().sorted().toList());
        assertTrue(cpp.get("solve.h").contains("long long solve"), "the problem's solve.h replaced the submission's");
        assertEquals(List.of("main.py", "solution.py"),
                files(problem, "accepted/solution.py", languages).keySet().stream().sorted().toList());
        assertEquals(List.of("offset.c", "offset.txt"),
                files(problem, "accepted/offset.c", languages).keySet().stream().sorted().toList(),
                "C has no include/c/, so include/default/ applies");
        Problem legacy = load(PACKAGES.resolve("includedlegacy"));
        assertEquals(List.of("offset.py"), files(legacy, "run_time_error/offset.py", languages).keySet().stream()
                .toList(), "a legacy package has no include/default/");
    }

    private static Map<String, String> files(Problem problem, String submission, Languages languages)
            throws IOException {
        ReferenceSubmission ref = problem.submissions().stream().filter(s -> s.displayName().equals(submission))
                .findFirst().orElseThrow();
        Submission own = PackagePrograms.load(ref, languages).orElseThrow();
        Language language = languages.byId(own.languageId()).orElseThrow();
        var out = new java.util.TreeMap<String, String>();
        IncludedFiles.addTo(problem, language, languages, own.files()).forEach(f -> out.put(f.name(), f.content()));
        return out;
    }

    @Test
    void submissionsWithOddNamesInAZipAreJudgedNotThePackagesProblem() throws Exception {
        Path zip = tmp.resolve("oddnames.zip");
        Path base = PACKAGES.resolve("oddnames");
        String sum = "a, b = map(int, input().split())\nprint(a + b)\n";
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    entry(out, "oddnames/" + base.relativize(p), Files.readString(p));
                }
            }
            entry(out, "oddnames/submissions/accepted/my sol #1\\x.py", sum);
            entry(out, "oddnames/submissions/accepted/with space.cpp",
                    "#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b; }\n");
            entry(out, "oddnames/submissions/accepted/odd\\dir #2/main.py", sum);
            entry(out, "oddnames/submissions/wrong_answer/wa\\x.c",
                    "#include <stdio.h>\nint main(void) { puts(\"0\"); return 0; }\n");
            entry(out, "oddnames/submissions/compile_error/Bad Name #3.java",
                    "public class Main { public static void main(String[] a) { } }\n");
            entry(out, "oddnames/submissions/accepted/-dash.py", sum);
        }
        Path root = PackageArchive.extract(zip, tmp.resolve("out"));
        assertTrue(Files.isRegularFile(root.resolve("submissions/accepted/my sol #1\\x.py")),
                "a backslash is a character of the file name");
        assertTrue(Files.isRegularFile(root.resolve("submissions/accepted/odd\\dir #2/main.py")));
        Problem problem = load(root);
        List<String> names = problem.submissions().stream().map(ReferenceSubmission::displayName).toList();
        assertEquals(List.of("accepted/my sol #1\\x.py", "accepted/odd\\dir #2", "accepted/plain.py",
                "accepted/with space.cpp", "compile_error/Bad Name #3.java", "wrong_answer/wa\\x.c"), names);
        assertTrue(problem.warnings().stream().anyMatch(w -> w.contains("accepted/-dash.py skipped")),
                problem.warnings().toString());
        verify("oddnames", problem);
    }

    private Path copyPackage(String name) throws IOException {
        Path to = tmp.resolve(name);
        HostFiles.copyTree(PACKAGES.resolve(name), to);
        return to;
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
