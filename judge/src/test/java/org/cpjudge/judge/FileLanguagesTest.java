package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one rule for which language a file name means, as the judge and the API both use it. */
class FileLanguagesTest {

    /** Every language of the table, as a judge that had them all would list them (no machine probed). */
    private static final Languages ALL = new Languages(LanguageTable.standard().entries().stream()
            .map(e -> new Language(e.id(), e.name(), e.extensions(), "test", e.compile(), e.run(), e.entryPoint(),
                    e.memoryOverheadMib(), List.<Path>of(), Map.of()))
            .toList());

    private static Optional<String> of(String fileName) {
        return ALL.forFileName(fileName).map(Language::id);
    }

    @Test
    void caseMattersAsInKattis() {
        assertEquals(Optional.of("c"), of("sum.c"));
        assertEquals(Optional.of("cpp"), of("sum.C"));
        assertEquals(Optional.of("cpp"), of("sum.cc"));
        assertEquals(Optional.empty(), of("Sum.JAVA"));
        assertEquals(Optional.of("java"), of("Sum.java"));
    }

    @Test
    void dotPlIsPrologAndDotPmIsPerl() {
        assertEquals(Optional.of("prolog"), of("sum.pl"));
        assertEquals(Optional.of("perl"), of("sum.pm"));
        // a Perl submission named .pl is still Perl's file once the submission names the language
        assertTrue(ALL.byId("perl").orElseThrow().accepts("sum.pl"));
    }

    @Test
    void sharedExtensionsGoToTheFirstLanguageOfTheTable() {
        assertEquals(Optional.of("python3"), of("main.py"));
        assertEquals(Optional.of("cpp"), of("a.cpp"));
        assertEquals(Optional.of("fortran"), of("x.f90"));
        assertEquals(Optional.of("lisp"), of("main.cl"));
        assertEquals(Optional.of("ada"), of("pkg.ads"));
        assertEquals(Optional.of("csharp"), of("Program.cs"));
    }

    @Test
    void theTablesOrderWinsOverTheListsOrder() {
        // a worker that listed Perl before Prolog still has .pl mean Prolog
        record Offered(String id, List<String> extensions) {
        }
        var offered = List.of(new Offered("perl", List.of("pm", "pl")), new Offered("prolog", List.of("pl")),
                new Offered("brainfuck", List.of("bf")));
        assertEquals("prolog", FileLanguages.languageOf("a.pl", offered, Offered::id, Offered::extensions)
                .orElseThrow().id());
        assertEquals("brainfuck", FileLanguages.languageOf("a.bf", offered, Offered::id, Offered::extensions)
                .orElseThrow().id());
    }

    @Test
    void unknownOrMissingExtensionsMeanNoLanguage() {
        assertEquals(Optional.empty(), of("notes.txt"));
        assertEquals(Optional.empty(), of("Makefile"));
        assertEquals(Optional.empty(), of(".bashrc"));
        assertEquals(Optional.empty(), of("trailing."));
        assertEquals(Optional.of("sh"), FileLanguages.extension("run.sh"));
        assertEquals(Optional.of("sh"), FileLanguages.extension("dir.d/run.sh"));
        assertEquals(Optional.empty(), FileLanguages.extension("dir.d/README"));
        assertFalse(FileLanguages.has("sum.c", List.of("C")));
    }

    @Test
    void theTableKeepsEveryLanguageIdAndHasEachOnce() {
        List<String> ids = LanguageTable.standard().entries().stream().map(LanguageTable.Entry::id).toList();
        assertEquals(List.of("c", "cpp", "cpp20", "java", "kotlin", "python3", "pypy3", "rust", "go", "javascript",
                "ruby"), ids.subList(0, 11));
        assertTrue(ids.containsAll(List.of("csharp", "haskell", "pascal", "php", "lua", "perl", "scala", "ocaml",
                "d", "fortran", "ada", "bash", "lisp", "prolog")), ids.toString());
        assertEquals(ids.size(), ids.stream().distinct().count());
    }
}
