package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.cpjudge.judge.problem.ProblemPackageException;
import org.cpjudge.judge.verify.PackageVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imports the test packages and checks that every reference submission gets the verdict its folder names. */
class PackagesTest {

    static final Path PACKAGES = Path.of("src/test/resources/packages");

    @TempDir
    Path tmp;

    static Problem load(String name) throws Exception {
        return new ProblemImporter(TestJudge.get()).importPackage(PACKAGES.resolve(name));
    }

    /** The package's reference submission {@code submission} ("accepted/sum.c"), judged. */
    static JudgeResult judge(Problem problem, String submission) throws Exception {
        var ref = problem.submissions().stream().filter(s -> s.displayName().equals(submission)).findFirst()
                .orElseThrow();
        return TestJudge.get().judge(problem, PackagePrograms.load(ref, TestJudge.get().languages()).orElseThrow(),
                JudgeListener.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "floaty", "factor", "sumto", "guess", "subtasks", "computed", "multipass",
            "kattislib", "modern", "legacyscore", "annotated"})
    void everySubmissionGetsTheVerdictItsFolderNames(String name) throws Exception {
        Problem problem = load(name);
        List<PackageVerifier.Row> rows = new PackageVerifier(TestJudge.get()).verify(problem);
        String table = PackageVerifier.table(rows);
        System.out.println("verify " + name + "\n" + table + PackageVerifier.summary(rows));
        assertFalse(rows.isEmpty());
        assertTrue(PackageVerifier.passes(rows), table);
        for (PackageVerifier.Row row : rows) {
            assertTrue(row.matches(), row.submission().displayName() + " in\n" + table);
        }
    }

    @Test
    void resultsCarryTimeMemoryAndStopAtTheFirstFailure() throws Exception {
        Problem hello = load("hello");
        JudgeResult ok = judge(hello, "accepted/sum.cpp");
        assertEquals(3, ok.testcases().size());
        assertTrue(ok.memoryKb() > 0);
        assertNotNull(ok.compileOutput());
        assertEquals(ok.testcases().stream().mapToLong(TestCaseResult::timeMs).max().orElseThrow(), ok.timeMs());
        JudgeResult wa = judge(hello, "wrong_answer/wa.cpp"); // wrong on secret/01 only
        assertEquals(Verdict.WA, wa.verdict());
        assertEquals(List.of("sample/1", "secret/01"), wa.testcases().stream().map(TestCaseResult::name).toList());
        assertTrue(wa.testcases().get(1).message().contains("expected"), wa.testcases().get(1).message());
        JudgeResult ce = judge(hello, "compile_error/broken.cpp");
        assertTrue(ce.compileOutput().contains("undeclared"), ce.compileOutput());
        assertTrue(ce.testcases().isEmpty());
    }

    @Test
    void scoringProblemAddsUpGroupPointsAndRunsEveryTest() throws Exception {
        Problem subtasks = load("subtasks");
        JudgeResult full = judge(subtasks, "accepted/formula.py");
        assertEquals(100.0, full.score());
        JudgeResult partial = judge(subtasks, "wrong_answer/small_only.c");
        assertEquals(Verdict.WA, partial.verdict());
        assertEquals(40.0, partial.score());
        assertEquals(5, partial.testcases().size());
    }

    @Test
    void timeLimitIsComputedFromTheAcceptedSubmissions() throws Exception {
        // burn.c uses at least 50 ms of CPU; with time_multiplier 100 that is at least 5 s, in whole seconds
        Problem computed = load("computed");
        assertTrue(computed.timeLimitMs() >= 5000, "time limit " + computed.timeLimitMs());
        assertEquals(0, computed.timeLimitMs() % 1000);
    }

    @Test
    void withoutLimitOrAcceptedSubmissionsTheLimitIsOneSecond() throws Exception {
        Path root = copyPackage("computed", "nothing");
        deleteTree(root.resolve("submissions"));
        assertEquals(1000, new ProblemImporter(TestJudge.get()).importPackage(root).timeLimitMs());
    }

    @Test
    void crashingValidatorIsAJudgeErrorNeverWrongAnswer() throws Exception {
        Path root = copyPackage("factor", "crashing");
        Files.writeString(root.resolve("output_validators/factor_validator/validate.cpp"),
                "#include <cstdlib>\nint main() { abort(); }\n");
        Problem problem = new ProblemImporter(TestJudge.get()).importPackage(root);
        assertEquals(Verdict.JE, judge(problem, "accepted/smallest.py").verdict());
        assertEquals(Verdict.JE, judge(problem, "wrong_answer/trivial.py").verdict());
    }

    @Test
    void validatorThatDoesNotCompileMakesTheImportFail() throws Exception {
        Path root = copyPackage("factor", "uncompilable");
        Files.writeString(root.resolve("output_validators/factor_validator/validate.cpp"), "int main( {\n");
        var e = assertThrows(ProblemPackageException.class,
                () -> new ProblemImporter(TestJudge.get()).importPackage(root));
        assertTrue(e.getMessage().contains("validate") && e.getMessage().contains("Any Factor"), e.getMessage());
    }

    @Test
    void inputValidatorsRunOnEveryInput() throws Exception {
        Path root = copyPackage("hello", "validated");
        Files.createDirectories(root.resolve("input_validators"));
        Files.writeString(root.resolve("input_validators/two_numbers.py"),
                "import sys\nparts = sys.stdin.read().split()\nsys.exit(42 if len(parts) == 2 else 1)\n");
        Files.writeString(root.resolve("input_validators/format.viva"), "unsupported\n");
        assertEquals("Hello Sum", new ProblemImporter(TestJudge.get()).importPackage(root).name());
        Files.writeString(root.resolve("data/secret/02.in"), "1 2 3\n");
        var e = assertThrows(ProblemPackageException.class,
                () -> new ProblemImporter(TestJudge.get()).importPackage(root));
        assertTrue(e.getMessage().contains("02.in"), e.getMessage());
    }

    @Test
    void everyInstalledLanguageSolvesHello() throws Exception {
        Languages languages = TestJudge.get().languages();
        for (String required : List.of("c", "cpp", "java", "python3")) {
            assertTrue(languages.byId(required).isPresent(), required + " must be installed");
        }
        Map<String, SourceFile> programs = Map.of(
                "cpp20", new SourceFile("sum.cpp", "#include <iostream>\n#include <ranges>\nint main(){long long a,b;"
                        + "std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n"),
                "pypy3", new SourceFile("sum.py", "a, b = map(int, input().split())\nprint(a + b)\n"),
                "kotlin", new SourceFile("sum.kt", "fun main() {\n  val (a, b) = readLine()!!.trim().split(\" \")"
                        + ".map { it.toLong() }\n  println(a + b)\n}\n"),
                "rust", new SourceFile("sum.rs", "use std::io::Read;\nfn main() { let mut s = String::new(); "
                        + "std::io::stdin().read_to_string(&mut s).unwrap(); let v: Vec<i64> = s.split_whitespace()"
                        + ".map(|x| x.parse().unwrap()).collect(); println!(\"{}\", v[0] + v[1]); }\n"),
                "go", new SourceFile("sum.go", "package main\nimport \"fmt\"\nfunc main() { var a, b int64; "
                        + "fmt.Scan(&a, &b); fmt.Println(a + b) }\n"),
                "javascript", new SourceFile("sum.js", "const [a, b] = require('fs').readFileSync(0, 'utf8').trim()"
                        + ".split(/\\s+/).map(BigInt);\nconsole.log((a + b).toString());\n"),
                "ruby", new SourceFile("sum.rb", "a, b = gets.split.map(&:to_i)\nputs a + b\n"));
        Problem hello = load("hello");
        for (Language language : languages.installed()) {
            SourceFile program = programs.get(language.id());
            if (program == null) {
                continue; // c, cpp, java, python3: the hello package's own submissions cover them
            }
            JudgeResult r = TestJudge.get().judge(hello, new Submission(language.id(), List.of(program)),
                    JudgeListener.NONE);
            assertEquals(Verdict.AC, r.verdict(), language.label() + ": " + r.compileOutput() + r.testcases());
        }
    }

    private Path copyPackage(String name, String as) throws Exception {
        Path to = tmp.resolve(as);
        HostFiles.copyTree(PACKAGES.resolve(name), to);
        return to;
    }

    private static void deleteTree(Path dir) {
        HostFiles.deleteTree(dir);
    }
}
