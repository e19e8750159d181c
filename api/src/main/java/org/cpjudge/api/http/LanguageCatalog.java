package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.api.store.WorkerRegistry;

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
     * The language a submission uses: the one it names, which must be offered, or else the first language whose
     * extensions include a file's extension.
     */
    public String resolve(String requested, List<String> fileNames) throws SQLException {
        JsonArray languages = list();
        if (languages.isEmpty()) {
            throw new ApiException(503, "no_judge", "no judge worker is running, so no language can be judged now");
        }
        if (requested != null) {
            for (Object o : languages) {
                if (requested.equals(((JsonObject) o).getString("id"))) {
                    return requested;
                }
            }
            throw ApiException.badRequest("unknown_language", "language '" + requested
                    + "' is not offered here; GET /api/v1/languages lists those that are");
        }
        for (String name : fileNames) {
            Optional<String> byExtension = byExtension(languages, name);
            if (byExtension.isPresent()) {
                return byExtension.get();
            }
        }
        throw ApiException.badRequest("unknown_language",
                "no file's extension tells the language; give 'language' (GET /api/v1/languages lists them)");
    }

    private static Optional<String> byExtension(JsonArray languages, String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1);
        for (Object o : languages) {
            JsonObject language = (JsonObject) o;
            if (language.getJsonArray("extensions", new JsonArray()).contains(extension)) {
                return Optional.of(language.getString("id"));
            }
        }
        return Optional.empty();
    }
}
