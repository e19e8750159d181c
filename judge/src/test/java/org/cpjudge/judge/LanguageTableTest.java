package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading languages.yaml-shaped tables and probing them against what this machine really has. */
class LanguageTableTest {

    @TempDir
    Path tmp;

    private static String entry(String id, String tools, String more) {
        return "- id: " + id + "\n  name: " + id.toUpperCase() + "\n  extensions: [" + id + "]\n  tools: " + tools
                + "\n  version: {label: sh, command: [\"{sh}\", -c, \"echo v1.2.3\"]}\n  run: [\"{sh}\", \"{main}\"]\n"
                + more;
    }

    @Test
    void aLanguageIsListedWhenItsToolsAreHereAndItsVersionReads() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.createSymbolicLink(tmp.resolve("conf-link"), conf);
        LanguageTable table = LanguageTable.parse(entry("here", "{sh: /bin/sh}",
                "  binds: [" + tmp.resolve("conf-link") + ", /no/such/dir]\n  env: {TOOLS: \"{sh.dir}\"}\n")
                + entry("missing", "{sh: /bin/sh, cc: /no/such/compiler}", "")
                + entry("mute", "{sh: /bin/sh}", "").replace("echo v1.2.3", "true"));
        Languages found = Languages.detect(table);
        assertEquals(List.of("here"), found.installed().stream().map(Language::id).toList());
        Language here = found.installed().get(0);
        Path sh = Path.of("/bin/sh").toRealPath();
        assertEquals("sh 1.2.3", here.version());
        assertEquals(List.of(sh.toString(), "{main}"), here.runCommand());
        assertEquals(Map.of("TOOLS", sh.getParent().toString()), here.env());
        // a bound link brings its target; a missing path is left out
        assertEquals(List.of(tmp.resolve("conf-link"), conf.toRealPath()), here.readOnlyBinds());
        assertEquals(EntryPoint.ALL_FILES, here.entryPoint());
        assertTrue(!here.isCompiled());
    }

    @Test
    void aTypoInAPlaceholderOrATwiceListedIdIsRefused() {
        var typo = assertThrows(IllegalStateException.class,
                () -> LanguageTable.parse(entry("x", "{sh: /bin/sh}", "  compile: [\"{sh}\", \"{fiels}\"]\n")));
        assertTrue(typo.getMessage().contains("{fiels}"), typo.getMessage());
        var twice = assertThrows(IllegalStateException.class,
                () -> LanguageTable.parse(entry("x", "{sh: /bin/sh}", "") + entry("x", "{sh: /bin/sh}", "")));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void theShippedTableReadsAndRanksLanguages() {
        LanguageTable table = LanguageTable.standard();
        assertEquals(0, table.rank("c"));
        assertTrue(table.rank("prolog") < table.rank("perl"));
        assertEquals(table.entries().size(), table.rank("no-such-language"));
        assertEquals(List.of("pm", "pl"), table.byId("perl").orElseThrow().extensions());
    }
}
