package org.cpjudge.judge.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemPackageTest {

    static final Path PACKAGES = Path.of("src/test/resources/packages");

    @TempDir
    Path tmp;

    @Test
    void legacyPackageWithDefaultValidator() throws Exception {
        Problem p = ProblemPackage.load(PACKAGES.resolve("hello"));
        assertEquals("Hello Sum", p.name());
        assertEquals(Problem.Format.LEGACY, p.format());
        assertEquals(List.of("sample/1", "secret/01", "secret/02"), p.testCases().stream().map(TestCase::name).toList());
        assertEquals(2000, p.timeLimitMs());
        assertTrue(p.limits().timeLimitExplicit());
        assertEquals(256, p.memoryLimitMib());
        assertEquals(1024 * 1024, p.outputLimitBytes());
        assertTrue(p.outputValidator().isEmpty());
        assertTrue(p.statementDir().isPresent());
        assertTrue(p.submissions().stream().anyMatch(s -> s.displayName().equals("accepted/multi_java")));
    }

    @Test
    void modernPackageTakesValidatorArgsFromTestGroupYaml() throws Exception {
        Problem p = ProblemPackage.load(PACKAGES.resolve("floaty"));
        assertEquals(Problem.Format.V2023_07, p.format());
        assertEquals("Floaty Division", p.name());
        assertEquals(List.of("float_tolerance", "1e-6"), p.testCases().get(1).validatorArgs());
        assertEquals(1000, p.timeLimitMs());
    }

    @Test
    void customInteractiveAndTestlibValidatorsAreRecognised() throws Exception {
        Problem guess = ProblemPackage.load(PACKAGES.resolve("guess"));
        assertTrue(guess.interactive());
        assertEquals(1, guess.interactionSamples().size());
        assertEquals(Problem.CheckerProtocol.KATTIS, guess.checkerProtocol());
        Problem sumto = ProblemPackage.load(PACKAGES.resolve("sumto"));
        assertEquals(Problem.CheckerProtocol.TESTLIB, sumto.checkerProtocol());
        assertTrue(sumto.outputValidator().isPresent());
    }

    @Test
    void scoringGroupsCarryTheirPoints() throws Exception {
        Problem p = ProblemPackage.load(PACKAGES.resolve("subtasks"));
        assertTrue(p.scoring());
        TestGroup secret = p.data().groups().stream().filter(g -> g.name().equals("secret")).findFirst().orElseThrow();
        assertEquals(List.of(40.0, 60.0), secret.groups().stream().map(g -> g.scoring().maxScore()).toList());
        assertEquals(List.of("sample/1", "secret/group1/01", "secret/group1/02", "secret/group2/01",
                "secret/group2/02"), p.testCases().stream().map(TestCase::name).toList());
    }

    @Test
    void missingTimeLimitIsLeftToTheImporter() throws Exception {
        Problem p = ProblemPackage.load(PACKAGES.resolve("computed"));
        assertFalse(p.limits().timeLimitExplicit());
        assertEquals(100.0, p.limits().timeMultiplier());
    }

    @Test
    void domjudgeTimelimitFileCounts() throws Exception {
        Path root = minimalPackage("tl");
        Files.writeString(root.resolve(".timelimit"), "3.5\n");
        Problem p = ProblemPackage.load(root);
        assertEquals(3500, p.timeLimitMs());
        assertTrue(p.limits().timeLimitExplicit());
    }

    @Test
    void noProblemYamlIsRefusedNamingTheFile() throws IOException {
        Path root = minimalPackage("noyaml");
        Files.delete(root.resolve("problem.yaml"));
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(root));
        assertTrue(e.getMessage().contains("problem.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("noyaml"), e.getMessage());
    }

    @Test
    void testWithoutAnswerIsRefused() throws IOException {
        Path root = minimalPackage("noans");
        Files.writeString(root.resolve("data/secret/2.in"), "1\n");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(root));
        assertTrue(e.getMessage().contains("2.ans"), e.getMessage());
        assertTrue(e.getMessage().contains("Minimal"), e.getMessage());
    }

    @Test
    void symlinksMayPointInsideButNotOutside() throws Exception {
        Path root = minimalPackage("links");
        Files.createSymbolicLink(root.resolve("data/secret/2.in"), root.resolve("data/secret/1.in"));
        Files.createSymbolicLink(root.resolve("data/secret/2.ans"), Path.of("1.ans"));
        assertEquals(2, ProblemPackage.load(root).testCases().size());
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "host file\n");
        Files.createSymbolicLink(root.resolve("data/secret/3.in"), outside);
        Files.writeString(root.resolve("data/secret/3.ans"), "x\n");
        var e = assertThrows(ProblemPackageException.class, () -> ProblemPackage.load(root));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void archiveWithTopFolderIsExtracted() throws Exception {
        Path zip = tmp.resolve("pkg.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "minimal/problem.yaml", "name: Zipped\n".getBytes());
            entry(out, "minimal/data/secret/1.in", "1\n".getBytes());
            entry(out, "minimal/data/secret/1.ans", "1\n".getBytes());
        }
        Path root = PackageArchive.extract(zip, tmp.resolve("out"));
        assertEquals("Zipped", ProblemPackage.load(root).name());
    }

    @Test
    void zipBombIsRefused() throws Exception {
        Path zip = tmp.resolve("bomb.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "problem.yaml", new byte[4 << 20]); // compresses to a few KiB
        }
        var e = assertThrows(ProblemPackageException.class,
                () -> PackageArchive.extract(zip, tmp.resolve("out"), 1 << 20, 100));
        assertTrue(e.getMessage().contains("unpacks to more than"), e.getMessage());
        Path many = tmp.resolve("many.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 20; i++) {
                entry(out, "f" + i, new byte[1]);
            }
        }
        assertThrows(ProblemPackageException.class, () -> PackageArchive.extract(many, tmp.resolve("out2"), 1 << 20, 10));
    }

    @Test
    void pathEscapingTheFolderIsRefused() throws Exception {
        Path zip = tmp.resolve("slip.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "../evil.txt", "x".getBytes());
        }
        var e = assertThrows(ProblemPackageException.class, () -> PackageArchive.extract(zip, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
    }

    private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private Path minimalPackage(String name) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.writeString(root.resolve("problem.yaml"), "name: Minimal\n");
        Files.createDirectories(root.resolve("data/secret"));
        Files.writeString(root.resolve("data/secret/1.in"), "1\n");
        Files.writeString(root.resolve("data/secret/1.ans"), "1\n");
        return root;
    }
}
