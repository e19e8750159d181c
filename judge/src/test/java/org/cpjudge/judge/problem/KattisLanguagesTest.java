package org.cpjudge.judge.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.EntryPoint;
import org.cpjudge.judge.Language;
import org.cpjudge.judge.Languages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kattis language codes against our language ids, and which include/ folder a submission gets. */
class KattisLanguagesTest {

    @TempDir
    Path tmp;

    private static Language lang(String id, String... extensions) {
        return new Language(id, id, List.of(extensions), "test 1", List.of(), List.of("./" + id), EntryPoint.SCRIPT, 0,
                List.of(), Map.of());
    }

    private static final Language C = lang("c", "c");
    private static final Language CPP = lang("cpp", "cpp", "cc", "C");
    private static final Language CPP20 = lang("cpp20", "cpp", "cc", "C");
    private static final Language PY = lang("python3", "py");
    private static final Language PYPY = lang("pypy3", "py");
    private static final Language CS = lang("cs", "cs");
    private static final Languages ALL = new Languages(List.of(C, CPP, CPP20, PY, PYPY, CS));

    @Test
    void codesNameOurLanguagesByIdVersionOrImplementation() {
        assertTrue(KattisLanguages.names("cpp", CPP, ALL));
        assertTrue(KattisLanguages.names("cpp", CPP20, ALL), "cpp20 is C++ too");
        assertFalse(KattisLanguages.names("c", CPP, ALL));
        assertFalse(KattisLanguages.names("cpp", C, ALL));
        assertTrue(KattisLanguages.names("python3", PYPY, ALL));
        assertFalse(KattisLanguages.names("python2", PY, ALL), "python2 ends in .py2, not .py");
        assertTrue(KattisLanguages.names("csharp", CS, ALL), "an id of our own is found by the file endings");
        assertFalse(KattisLanguages.names("nosuchcode", C, ALL));
        assertEquals("cpp", KattisLanguages.forCode("cpp", ALL).orElseThrow().id());
    }

    @Test
    void languageFolderOverridesDefaultWhichOnlyNewerFormatsHave() throws Exception {
        Path include = tmp.resolve("include");
        Files.createDirectories(include.resolve("cpp"));
        Files.createDirectories(include.resolve("default"));
        assertEquals(include.resolve("cpp"), IncludedFiles.folderFor(include, true, CPP20, ALL).orElseThrow());
        assertEquals(include.resolve("default"), IncludedFiles.folderFor(include, true, PY, ALL).orElseThrow());
        assertTrue(IncludedFiles.folderFor(include, false, PY, ALL).isEmpty(), "legacy: no include/default/");
        assertEquals(include.resolve("cpp"), IncludedFiles.folderFor(include, false, CPP, ALL).orElseThrow());
    }
}
