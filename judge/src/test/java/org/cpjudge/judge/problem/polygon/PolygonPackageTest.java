package org.cpjudge.judge.problem.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cpjudge.judge.Verdict;
import org.cpjudge.judge.problem.PackageArchive;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemPackage;
import org.cpjudge.judge.problem.ProblemPackageException;
import org.cpjudge.judge.problem.Program;
import org.cpjudge.judge.problem.ReferenceSubmission;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.judge.problem.TestGroup;
import org.cpjudge.judge.problem.TestGroup.Aggregation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Polygon packages into problems: nothing is compiled or run here (PolygonJudgingTest does that). */
class PolygonPackageTest {

    static final Path PACKAGES = Path.of("src/test/resources/packages-polygon");

    @TempDir
    Path tmp;

    @Test
    void passFailPackageReadsLimitsTestsCheckerValidatorAndSolutions() throws Exception {
        Path root = PACKAGES.resolve("polygon-sum");
        Problem p = ProblemPackage.load(root);
        assertEquals(Problem.Format.POLYGON, p.format());
        assertEquals("polygon-sum", p.shortName());
        assertEquals("Sum of Two (Polygon)", p.name(), "the English name, though Russian comes first");
        assertEquals(1000, p.timeLimitMs());
        assertTrue(p.limits().timeLimitExplicit(), "the package's limit is used, never computed");
        assertEquals(256, p.memoryLimitMib());
        assertFalse(p.scoring());
        assertFalse(p.interactive());
        assertTrue(p.interactor().isEmpty());

        assertEquals(List.of("sample/01", "sample/02", "secret/03", "secret/04"), names(p));
        assertEquals(List.of(true, true, false, false), p.testCases().stream().map(TestCase::isSample).toList());
        TestCase third = p.testCases().get(2);
        assertEquals(root.resolve("tests/03"), third.input());
        assertEquals(root.resolve("tests/03.a"), third.answer());

        assertEquals(Problem.CheckerProtocol.TESTLIB, p.checkerProtocol());
        Program checker = p.outputValidator().orElseThrow();
        assertEquals(root.resolve("files/check.cpp"), checker.path());
        assertEquals(List.of(root.resolve("files/verdicts.h")), checker.companions(),
                "the package's headers are compiled beside its checker");
        assertEquals(1, p.inputValidators().size());
        assertEquals(Problem.CheckerProtocol.TESTLIB, p.inputValidators().get(0).protocol(),
                "a testlib validator accepts with exit 0, not Kattis' 42");
        assertEquals(root.resolve("files/validator.cpp"), p.inputValidators().get(0).path());

        Map<String, ReferenceSubmission> byName = p.submissions().stream()
                .collect(Collectors.toMap(ReferenceSubmission::displayName, s -> s));
        assertEquals(Set.of("main/sum.cpp", "accepted/sum.py", "accepted/sum20.cpp", "wrong-answer/difference.cpp",
                "presentation-error/chatty.py", "time-limit-exceeded/spin.cpp", "memory-limit-exceeded/hoard.cpp",
                "time-limit-exceeded-or-accepted/careful.py", "rejected/crash.cpp"), byName.keySet(),
                "every solution but the do-not-run one");
        assertEquals(Optional.of(Verdict.AC), byName.get("main/sum.cpp").expected());
        assertEquals(Optional.of(Verdict.WA), byName.get("presentation-error/chatty.py").expected(),
                "testlib's presentation error is a wrong answer here");
        assertEquals(Optional.of(Verdict.TLE), byName.get("time-limit-exceeded/spin.cpp").expected());
        assertEquals(Optional.of(Verdict.MLE), byName.get("memory-limit-exceeded/hoard.cpp").expected());
        assertEquals(Set.of(Verdict.TLE, Verdict.AC), byName.get("time-limit-exceeded-or-accepted/careful.py").allowed());
        assertEquals(Optional.empty(), byName.get("time-limit-exceeded-or-accepted/careful.py").expected());
        assertEquals(Set.of(), byName.get("rejected/crash.cpp").allowed());
        assertEquals(Optional.of("cpp"), byName.get("main/sum.cpp").languageId());
        assertEquals(Optional.of("cpp20"), byName.get("accepted/sum20.cpp").languageId());
        assertEquals(Optional.of("python3"), byName.get("accepted/sum.py").languageId());

        assertEquals(Optional.of(root.resolve("statements/.html/english")), p.statementDir(),
                "the HTML statement Polygon rendered");
        assertTrue(p.warnings().isEmpty(), p.warnings().toString());
    }

    @Test
    void groupsAndPointsMakeAScoringProblem() throws Exception {
        Problem p = ProblemPackage.load(PACKAGES.resolve("polygon-subtasks"));
        assertTrue(p.scoring());
        assertEquals("Triangle Numbers", p.name());
        assertEquals(List.of("sample/01", "sample/02", "secret/1/03", "secret/1/04", "secret/2/05", "secret/2/06",
                "secret/2/07", "secret/3/08", "secret/3/09"), names(p), "the testset named tests, not pretests");
        TestGroup sample = group(p.data(), "sample");
        assertFalse(sample.scoring().counts(), "samples worth nothing never count");
        TestGroup secret = group(p.data(), "secret");
        assertEquals(List.of("secret/1", "secret/2", "secret/3"), secret.groups().stream().map(TestGroup::name).toList(),
                "group 0 held only the samples");

        TestGroup complete = group(secret, "secret/1");
        assertEquals(30.0, complete.scoring().maxScore(), "a complete group is worth its tests' points");
        assertEquals(Aggregation.MIN, complete.scoring().aggregation(), "all or nothing");

        TestGroup unequal = group(secret, "secret/2");
        assertEquals(List.of(10.0, 10.0, 20.0), unequal.groups().stream().map(g -> g.scoring().acceptScore()).toList(),
                "each test of an each-test group earns its own points");
        assertEquals(Aggregation.SUM, unequal.scoring().aggregation());

        TestGroup uniform = group(secret, "secret/3");
        assertEquals(15.0, uniform.scoring().acceptScore());
        assertEquals(2, uniform.tests().size());
        assertEquals(null, uniform.scoring().maxScore());

        assertEquals(Problem.CheckerProtocol.TESTLIB, p.checkerProtocol());
        assertTrue(p.outputValidator().orElseThrow().path().endsWith("files/check.py"));
        assertTrue(p.outputValidator().orElseThrow().companions().isEmpty(), "no headers listed, none in files/");
        // group 1 depends on group 0, whose tests are the samples: it scores only once they all pass
        assertEquals(List.of("sample"), group(secret, "secret/1").scoring().requirePass());
        assertEquals(List.of(), uniform.scoring().requirePass());
        assertEquals(Optional.of(PACKAGES.resolve("polygon-subtasks/statements/english")), p.statementDir(),
                "the LaTeX statement's folder when there is no HTML");
    }

    @Test
    void interactorMakesItInteractiveAndTheRootCheckerStandsInForAMissingSource() throws Exception {
        Path root = PACKAGES.resolve("polygon-guess");
        Problem p = ProblemPackage.load(root);
        assertTrue(p.interactive());
        assertFalse(p.multiPass());
        Program interactor = p.interactor().orElseThrow();
        assertEquals(root.resolve("files/interactor.cpp"), interactor.path());
        assertEquals(List.of(root.resolve("files/protocol.h")), interactor.companions());
        assertEquals(root.resolve("check.cpp"), p.outputValidator().orElseThrow().path());
        assertEquals(2000, p.timeLimitMs());
        assertEquals(List.of("sample/01", "secret/02", "secret/03", "secret/04", "secret/05"), names(p));
        assertEquals(Optional.of(root.resolve("statement-sections/english")), p.statementDir());
    }

    @Test
    void aPackageWithoutItsBuiltTestsIsRefusedAndSaysWhy() throws Exception {
        Path copy = copyOf("polygon-sum");
        Files.delete(copy.resolve("tests/03"));
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(copy));
        assertTrue(e.getMessage().contains("tests/03") && e.getMessage().contains("full package"), e.getMessage());
    }

    @Test
    void aTestCountThatDisagreesWithTheTestsIsRefused() throws Exception {
        Path copy = copyOf("polygon-sum");
        rewrite(copy, "<test-count>4</test-count>", "<test-count>5</test-count>");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(copy));
        assertTrue(e.getMessage().contains("test-count"), e.getMessage());
    }

    @Test
    void pathPatternsCannotLeaveThePackage() throws Exception {
        Path copy = copyOf("polygon-sum");
        rewrite(copy, "<input-path-pattern>tests/%02d</input-path-pattern>",
                "<input-path-pattern>../../%02d</input-path-pattern>");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(copy));
        assertTrue(e.getMessage().contains("input-path-pattern"), e.getMessage());
    }

    @Test
    void aSymlinkedTestLeadingOutsideIsRefused() throws Exception {
        Path copy = copyOf("polygon-sum");
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "1 1\n");
        Files.delete(copy.resolve("tests/04"));
        Files.createSymbolicLink(copy.resolve("tests/04"), secret);
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(copy));
        assertTrue(e.getMessage().contains("outside the package"), e.getMessage());
    }

    @Test
    void documentTypesAreRefusedSoNoEntityCanReadHostFiles() throws Exception {
        Path copy = copyOf("polygon-sum");
        String xml = Files.readString(copy.resolve("problem.xml"));
        xml = xml.replace("<problem revision", "<!DOCTYPE problem [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<problem revision").replace("value=\"Sum of Two (Polygon)\"", "value=\"&x;\"");
        Files.writeString(copy.resolve("problem.xml"), xml);
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(copy));
        assertTrue(e.getMessage().contains("problem.xml"), e.getMessage());
    }

    @Test
    void severalRunsAreRefusedAndFileInputIsAWarning() throws Exception {
        Path copy = copyOf("polygon-sum");
        rewrite(copy, "input-file=\"\"", "input-file=\"input.txt\"");
        Problem p = ProblemPackage.load(copy);
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("input.txt")), p.warnings().toString());
        rewrite(copy, "run-count=\"1\"", "run-count=\"2\"");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(copy));
        assertTrue(e.getMessage().contains("run-count"), e.getMessage());
    }

    @Test
    void problemYamlWinsWhenBothAreThere() throws Exception {
        Path copy = copyOf("polygon-sum");
        Files.createDirectories(copy.resolve("data/secret"));
        Files.writeString(copy.resolve("problem.yaml"), "name: Kattis after all\n");
        Files.writeString(copy.resolve("data/secret/1.in"), "1 2\n");
        Files.writeString(copy.resolve("data/secret/1.ans"), "3\n");
        Problem p = ProblemPackage.load(copy);
        assertEquals("Kattis after all", p.name());
        assertEquals(Problem.Format.LEGACY, p.format());
    }

    @Test
    void anUnpackedZipFindsThePolygonRootInItsTopFolderOrAtItsTop() throws Exception {
        Path nested = zip("nested.zip", "polygon-sum/");
        Path root = PackageArchive.extract(nested, tmp.resolve("nested"));
        assertEquals("polygon-sum", root.getFileName().toString());
        assertEquals("Sum of Two (Polygon)", ProblemPackage.load(root).name());

        Path flat = zip("flat.zip", "");
        Path flatRoot = PackageArchive.extract(flat, tmp.resolve("flat"));
        assertTrue(Files.isRegularFile(flatRoot.resolve("problem.xml")));
        assertEquals(4, ProblemPackage.load(flatRoot).testCases().size());
    }

    @Test
    void sourceTypesNameOurLanguages() {
        assertEquals(Optional.of("cpp"), PolygonLanguages.languageId("cpp.g++17"));
        assertEquals(Optional.of("cpp"), PolygonLanguages.languageId("cpp.msys2-mingw64-9-g++17"));
        assertEquals(Optional.of("cpp20"), PolygonLanguages.languageId("cpp.gcc14-64-msys2-g++23"));
        assertEquals(Optional.of("cpp20"), PolygonLanguages.languageId("cpp.g++20"));
        assertEquals(Optional.of("c"), PolygonLanguages.languageId("c.gcc"));
        assertEquals(Optional.of("java"), PolygonLanguages.languageId("java11"));
        assertEquals(Optional.of("java"), PolygonLanguages.languageId("java21"));
        assertEquals(Optional.of("kotlin"), PolygonLanguages.languageId("kotlin19"));
        assertEquals(Optional.of("python3"), PolygonLanguages.languageId("python.3"));
        assertEquals(Optional.of("pypy3"), PolygonLanguages.languageId("python.pypy3-64"));
        assertEquals(Optional.of("rust"), PolygonLanguages.languageId("rust"));
        assertEquals(Optional.of("go"), PolygonLanguages.languageId("go"));
        assertEquals(Optional.of("javascript"), PolygonLanguages.languageId("js.node"));
        assertEquals(Optional.of("ruby"), PolygonLanguages.languageId("ruby.3"));
        assertEquals(Optional.empty(), PolygonLanguages.languageId("python.2"));
        assertEquals(Optional.empty(), PolygonLanguages.languageId("pascal.fpc"));
    }

    @Test
    void tagsPromiseVerdicts() {
        assertEquals(Optional.of(Set.of(Verdict.AC)), PolygonTags.allowed("main"));
        assertEquals(Optional.of(Set.of(Verdict.TLE, Verdict.MLE)),
                PolygonTags.allowed("time-limit-exceeded-or-memory-limit-exceeded"));
        assertEquals(Optional.of(Set.of()), PolygonTags.allowed("failed"));
        assertTrue(PolygonTags.rejects("failed") && PolygonTags.rejects("rejected"));
        assertFalse(PolygonTags.rejects("wrong-answer"));
        assertEquals(Optional.empty(), PolygonTags.allowed("do-not-run"));
    }

    // ---- helpers

    private static List<String> names(Problem p) {
        return p.testCases().stream().map(TestCase::name).toList();
    }

    private static TestGroup group(TestGroup parent, String name) {
        return parent.groups().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + name + " in " + parent.name()));
    }

    private Path copyOf(String name) throws Exception {
        Path to = tmp.resolve(name);
        org.cpjudge.judge.HostFiles.copyTree(PACKAGES.resolve(name), to);
        return to;
    }

    private static void rewrite(Path pkg, String from, String to) throws Exception {
        Path xml = pkg.resolve("problem.xml");
        String text = Files.readString(xml);
        assertTrue(text.contains(from), from);
        Files.writeString(xml, text.replace(from, to));
    }

    private Path zip(String name, String prefix) throws Exception {
        Path from = PACKAGES.resolve("polygon-sum");
        Path zip = tmp.resolve(name);
        try (var out = new ZipOutputStream(Files.newOutputStream(zip)); var walk = Files.walk(from)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(prefix + from.relativize(f)));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return zip;
    }
}
