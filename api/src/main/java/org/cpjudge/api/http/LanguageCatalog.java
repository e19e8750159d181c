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
import org.cpjudge.judge.LanguageTable;

/**
 * The languages submissions may use: every language a judge worker ever announced (each lists only the
 * toolchains installed on its machine), in the order the first worker gave them, then those the configuration
 * names ({@code --languages}). A submission in one of them is accepted and queued even while no worker is up (a
 * fleet restarting during a contest); it is judged when a worker that has its toolchain claims it.
 */
public final class LanguageCatalog {

    /**
     * How long a read of the known languages is reused. Every submission resolves its language here, and the
     * list only grows when a worker with a new toolchain first announces it: a second's delay there costs
     * nothing, a query and 25 parsed entries per submission cost intake a good part of its rate.
     */
    private static final long REUSE_NANOS = 1_000_000_000L;

    private record Snapshot(JsonArray languages, long readAt) {
    }

    private final WorkerRegistry workers;
    private final List<JsonObject> configured;
    private volatile Snapshot snapshot;

    /** {@code configured}: language ids of the judge's table taken even before any worker announced them. */
    public LanguageCatalog(WorkerRegistry workers, List<String> configured) {
        this.workers = workers;
        List<JsonObject> entries = new ArrayList<>();
        for (String id : configured) {
            LanguageTable.Entry entry = LanguageTable.standard().byId(id)
                    .orElseThrow(() -> new IllegalArgumentException("the judge has no language '" + id + "'"));
            entries.add(new JsonObject().put("id", entry.id()).put("name", entry.name())
                    .put("extensions", new JsonArray(new ArrayList<>(entry.extensions()))));
        }
        this.configured = List.copyOf(entries);
    }

    /** {@code [{"id", "name", "extensions"}]}, one entry per language id (a copy: callers may page it). */
    public JsonArray list() throws SQLException {
        return current().copy();
    }

    /** The known languages as last read, read again when older than {@link #REUSE_NANOS}; never to be changed. */
    private JsonArray current() throws SQLException {
        Snapshot last = snapshot;
        long now = System.nanoTime();
        if (last == null || now - last.readAt() > REUSE_NANOS) {
            last = new Snapshot(read(), now);
            // an empty list is not kept: the first worker's announcement counts at once
            snapshot = last.languages().isEmpty() ? null : last;
        }
        return last.languages();
    }

    private JsonArray read() throws SQLException {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (String json : workers.knownLanguages()) {
            JsonObject language = new JsonObject(json);
            byId.putIfAbsent(language.getString("id"), language);
        }
        for (JsonObject language : configured) {
            byId.putIfAbsent(language.getString("id"), language);
        }
        return new JsonArray(List.copyOf(byId.values()));
    }

    /**
     * The language a submission uses: the one it names, which must be offered, or else the language the first
     * file with a telling extension means (the judge's own rule, {@link FileLanguages}).
     */
    public String resolve(String requested, List<String> fileNames) throws SQLException {
        return resolve(current(), requested, fileNames);
    }

    static String resolve(JsonArray languages, String requested, List<String> fileNames) {
        if (languages.isEmpty()) {
            throw ApiException.badRequest("unknown_language", "no judge worker has announced a language yet and"
                    + " none is configured (--languages), so none can be judged here");
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
