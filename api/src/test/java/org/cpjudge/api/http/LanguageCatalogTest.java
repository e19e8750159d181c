package org.cpjudge.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API picks a submission's language by the judge's own file-name rule (FileLanguages). */
class LanguageCatalogTest {

    private static JsonObject language(String id, String... extensions) {
        return new JsonObject().put("id", id).put("name", id).put("extensions", new JsonArray(List.of(extensions)));
    }

    /** As workers announce them; Perl before Prolog on purpose: the judge's table order decides, not this list. */
    private static final JsonArray OFFERED = new JsonArray(List.of(language("c", "c"),
            language("cpp", "cpp", "cc", "cxx", "c++", "C"), language("perl", "pm", "pl"), language("prolog", "pl"),
            language("python3", "py", "py3"), language("pypy3", "py", "py3")));

    private static String resolve(String requested, String... files) {
        return LanguageCatalog.resolve(OFFERED, requested, List.of(files));
    }

    @Test
    void extensionsMatchAsTheJudgeMatchesThem() {
        assertEquals("c", resolve(null, "sum.c"));
        assertEquals("cpp", resolve(null, "sum.C"));
        assertEquals("prolog", resolve(null, "sum.pl"));
        assertEquals("perl", resolve(null, "sum.pm"));
        assertEquals("python3", resolve(null, "main.py"));
        assertEquals("cpp", resolve(null, "README", "notes.txt", "main.cc"));
    }

    @Test
    void aNamedLanguageWinsOverTheExtension() {
        assertEquals("perl", resolve("perl", "sum.pl"));
        assertEquals("pypy3", resolve("pypy3", "main.py"));
    }

    @Test
    void unknownExtensionsAndLanguagesAreRefused() {
        ApiException none = assertThrows(ApiException.class, () -> resolve(null, "sum.txt", "Makefile", ".bashrc"));
        assertEquals(400, none.status());
        assertEquals("unknown_language", none.code());
        ApiException unknown = assertThrows(ApiException.class, () -> resolve("cobol", "sum.cob"));
        assertEquals("unknown_language", unknown.code());
        // nothing announced nor configured: a language no worker ever had, so refused as unknown (not 503)
        ApiException nothingKnown = assertThrows(ApiException.class,
                () -> LanguageCatalog.resolve(new JsonArray(), "c", List.of("sum.c")));
        assertEquals(400, nothingKnown.status());
        assertEquals("unknown_language", nothingKnown.code());
    }
}
