package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.SubmissionStatus;

/**
 * {@code /submissions/{id}}: a submission's verdict, per-test results and compiler output (submission.jte).
 * While it is judged, {@code /static/js/submission.js} polls its JSON and reloads the page once it is done.
 */
public final class SubmissionPage {

    static final String SCRIPT = "/static/js/submission.js";

    private SubmissionPage() {
    }

    /** The submission as the page shows it; numbers already formatted ("–" when absent). */
    public record View(String id, String shortId, boolean done, String status, String verdict,
                       String verdictWords, String handle, String problem, String language, String contest,
                       String score, String timeMs, String memoryKb, String createdAt, List<Test> tests,
                       String compileOutput, String apiUrl) {
    }

    /** One test case's result. */
    public record Test(int number, String name, String verdict, String timeMs, String memoryKb) {
    }

    /** Renders the JSON of {@code GET /api/v1/submissions/{id}}. */
    public static String render(JsonObject s) {
        String id = s.getString("id");
        boolean done = SubmissionStatus.DONE.wire().equals(s.getString("status"));
        List<Test> tests = new ArrayList<>();
        int n = 1;
        for (Object o : s.getJsonArray("testcases", new JsonArray())) {
            JsonObject t = (JsonObject) o;
            tests.add(new Test(n++, t.getString("name"), t.getString("verdict"), Format.number(t.getValue("time_ms")),
                    Format.number(t.getValue("memory_kb"))));
        }
        String verdict = s.getString("verdict");
        String compileOutput = s.getString("compile_output");
        View view = new View(id, shortId(id), done, s.getString("status"), verdict,
                verdict == null ? null : Verdicts.describe(verdict), s.getString("handle"), s.getString("problem"),
                s.getString("language"), s.getString("contest"),
                s.getValue("score") == null ? null : Format.number(s.getValue("score")),
                s.getValue("time_ms") == null ? null : Format.number(s.getValue("time_ms")),
                s.getValue("memory_kb") == null ? null : Format.number(s.getValue("memory_kb")),
                s.getString("created_at"), tests,
                compileOutput == null || compileOutput.isEmpty() ? null : compileOutput,
                "/api/v1/submissions/" + Format.segment(id == null ? "" : id));
        return Templates.render("submission.jte", Map.of("view", view, "script", SCRIPT));
    }

    private static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }
}
