package org.cpjudge.judge.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files make a program folder, and under which names. */
class ProgramFilesTest {

    @TempDir
    Path tmp;

    private Path file(String name) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, name + "\n");
    }

    private static List<String> names(Path program) throws Exception {
        return ProgramFiles.of(program).stream().map(ProgramFiles.Entry::name).toList();
    }

    @Test
    void aSingleFileIsAFolderHoldingOnlyIt() throws Exception {
        assertEquals(List.of("a b #1\\x.py"), names(file("p/a b #1\\x.py")));
    }

    @Test
    void aFolderHoldingOneFolderAndAReadmeIsThatFolder() throws Exception {
        file("v/README.md");
        file("v/checker/validate.cpp");
        file("v/checker/validate.h");
        assertEquals(List.of("validate.cpp", "validate.h"), names(tmp.resolve("v")));
    }

    @Test
    void subfoldersKeepTheirPathsAndHiddenFilesAreLeftOut() throws Exception {
        file("w/src/main.cpp");
        file("w/include/lib.h");
        file("w/.gitignore");
        file("w/.git/config");
        file("w/src/.main.cpp.swp");
        List<ProgramFiles.Entry> files = ProgramFiles.of(tmp.resolve("w"));
        assertEquals(List.of("include/lib.h", "src/main.cpp"), files.stream().map(ProgramFiles.Entry::name).toList());
        assertTrue(files.get(0).isHeader());
        assertFalse(files.get(1).isHeader());
    }
}
