package org.cpjudge.judge.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Zip entry names: only {@code /} separates folders; nothing may land outside the package. */
class PackageArchiveNamesTest {

    @TempDir
    Path tmp;

    @Test
    void backslashesSpacesAndHashesAreCharactersOfTheName() throws Exception {
        Path zip = zip("names.zip", "p/problem.yaml", "p/sub\\dir/a b #1.py", "p/..\\..\\x.txt", "p/C:\\windows.txt");
        Path root = PackageArchive.extract(zip, tmp.resolve("out"));
        assertEquals(tmp.resolve("out/p").toRealPath(), root);
        assertTrue(Files.isRegularFile(root.resolve("sub\\dir/a b #1.py")));
        assertTrue(Files.isRegularFile(root.resolve("..\\..\\x.txt")), "one file named ..\\..\\x.txt in the package");
        assertTrue(Files.isRegularFile(root.resolve("C:\\windows.txt")));
        assertFalse(Files.exists(tmp.resolve("x.txt")));
    }

    @Test
    void namesThatAreNotUtf8AreReadAsTheZipFormatsCodePage() throws Exception {
        Path zip = tmp.resolve("latin1.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String name : new String[] {"p/problem.yaml", "p/submissions/accepted/s\u00f3.py"}) {
                out.putNextEntry(new ZipEntry(name));
                out.write("x\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Path root = PackageArchive.extract(zip, tmp.resolve("out"));
        assertTrue(Files.isRegularFile(root.resolve("problem.yaml")));
        // 0xF3 (Latin-1 \u00f3) is \u2264 in IBM437: an odd name, but the entry is there
        assertTrue(Files.isRegularFile(root.resolve("submissions/accepted/s\u2264.py")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "/abs/evil.txt", "p/../../evil.txt", "p/a/../../../evil.txt", "../"})
    void pathTraversalIsStillRefused(String name) throws Exception {
        Path zip = zip("slip.zip", "p/problem.yaml", name);
        var e = assertThrows(ProblemPackageException.class, () -> PackageArchive.extract(zip, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("outside the package"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(Path.of("/abs/evil.txt")));
    }

    private Path zip(String file, String... names) throws IOException {
        Path zip = tmp.resolve(file);
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                if (!name.endsWith("/")) {
                    out.write(("name: " + name + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return zip;
    }
}
