package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.api.store.WorkerRegistry;
import org.cpjudge.judge.FileLanguages;

/**
 * The languages submissions may use: those the live judge workers announced (each lists only the toolchains
 * installed on its machine), in the order the first worker gave them.
 */
public final class LanguageCatalog {

    private final WorkerRegistry workers;

    public LanguageCatalog(WorkerRegistry workers) {
        this.workers = workers;
    }

    /** {@code [{"id", "name", "extensions"}]}, one entry per language id. */
    public JsonArray list() throws SQLException {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (String json : workers.liveLanguageLists()) {
            for (Object o : new JsonArray(json)) {
                JsonObject language = (JsonObject) o;
                byId.putIfAbsent(language.getString("id"), language);
            }
        }
        return new JsonArray(List.copyOf(byId.values()));
    }

    /**
     * The language a submission uses: the one it names, which must be offered, or else the language the first
     * file with a telling extension means (the judge's own rule, {@link FileLanguages}).
     */
    public String resolve(String requested, List<String> fileNames) throws SQLException {
        return resolve(list(), requested, fileNames);
    }

    static String resolve(JsonArray languages, String requested, List<String> fileNames) {
        if (languages.isEmpty()) {
            throw new ApiException(503, "no_judge", "no judge worker is running, so no language can be judged now");
        }
        List<JsonObject> offered = new ArrayList<>();
        languages.forEach(o -> offered.add((JsonObject) o));
        if (requested != null) {
            for (JsonObject language : offered) {
                if (requested.equals(language.getString("id"))) {
                    return requested;
                }
            }
            throw ApiException.badRequest("unknown_language", "language '" + requested
                    + "' is not offered here; GET /api/v1/languages lists those that are");
        }
        for (String name : fileNames) {
            Optional<JsonObject> byExtension = FileLanguages.languageOf(name, offered, l -> l.getString("id"),
                    LanguageCatalog::extensions);
            if (byExtension.isPresent()) {
                return byExtension.get().getString("id");
            }
        }
        throw ApiException.badRequest("unknown_language",
                "no file's extension tells the language; give 'language' (GET /api/v1/languages lists them)");
    }

    private static List<String> extensions(JsonObject language) {
        List<String> extensions = new ArrayList<>();
        language.getJsonArray("extensions", new JsonArray()).forEach(e -> extensions.add(String.valueOf(e)));
        return extensions;
    }
}
