package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cpjudge.judge.SubmissionStatus;

/** {@code /submissions/{id}}: a submission's verdict, per-test results and compiler output. */
public final class SubmissionPage {

    private SubmissionPage() {
    }

    /** Renders the JSON of {@code GET /api/v1/submissions/{id}}. */
    public static String render(JsonObject s) {
        String id = s.getString("id");
        boolean done = SubmissionStatus.DONE.wire().equals(s.getString("status"));
        StringBuilder b = new StringBuilder();
        b.append("<h1>Submission <span class=\"muted\">").append(Html.text(shortId(id))).append("</span></h1>\n");
        b.append("<p class=\"facts\"><span>").append(verdict(s)).append("</span></p>\n");
        b.append("<dl class=\"summary\">\n");
        if (s.getString("handle") != null) {
            row(b, "Author", Html.handle(s.getString("handle"), null));
        }
        row(b, "Problem", Html.text(s.getString("problem")));
        row(b, "Language", Html.text(s.getString("language")));
        if (s.getString("contest") != null) {
            row(b, "Contest", "<a href=\"/contests/" + Html.text(Html.segment(s.getString("contest"))) + "\">"
                    + Html.text(s.getString("contest")) + "</a>");
        }
        row(b, "Status", "<span id=\"status\">" + Html.text(s.getString("status")) + "</span>");
        if (s.getValue("score") != null) {
            row(b, "Score", Html.number(s.getValue("score")));
        }
        row(b, "Time", s.getValue("time_ms") == null ? "–" : Html.number(s.getValue("time_ms")) + " ms");
        row(b, "Memory", s.getValue("memory_kb") == null ? "–" : Html.number(s.getValue("memory_kb")) + " KB");
        if (s.getString("created_at") != null) {
            row(b, "Submitted", "<time>" + Html.text(s.getString("created_at")) + "</time>");
        }
        row(b, "Id", "<code>" + Html.text(id) + "</code>");
        b.append("</dl>\n");
        testcases(b, s.getJsonArray("testcases", new JsonArray()));
        String compileOutput = s.getString("compile_output");
        if (compileOutput != null && !compileOutput.isEmpty()) {
            b.append("<h2>Compiler output</h2>\n<pre id=\"compile-output\">").append(Html.text(compileOutput))
                    .append("</pre>\n");
        }
        if (!done) {
            b.append(waitForVerdictScript(id));
        }
        // without JavaScript, a submission still being judged reloads itself until its verdict is in
        String head = done ? "" : "<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>\n";
        return Html.page("Submission " + shortId(id), head, b.toString());
    }

    static String verdict(JsonObject s) {
        String verdict = s.getString("verdict");
        if (verdict == null) {
            return "<span id=\"verdict\" class=\"verdict verdict-pending\">" + Html.text(s.getString("status"))
                    + "…</span>";
        }
        return "<span id=\"verdict\" class=\"verdict verdict-" + Html.text(verdict) + "\" title=\""
                + Html.text(Verdicts.describe(verdict)) + "\">" + Html.text(verdict) + "</span> "
                + "<span class=\"muted\">" + Html.text(Verdicts.describe(verdict)) + "</span>";
    }

    private static void testcases(StringBuilder b, JsonArray tests) {
        if (tests.isEmpty()) {
            return;
        }
        b.append("<h2>Test cases</h2>\n<div class=\"table-wrap\"><table id=\"testcases\">\n<thead><tr><th class=\"num\">#</th>"
                + "<th>Test</th><th>Verdict</th><th class=\"num\">Time</th><th class=\"num\">Memory</th></tr></thead>\n<tbody>\n");
        int n = 1;
        for (Object o : tests) {
            JsonObject t = (JsonObject) o;
            String v = t.getString("verdict");
            b.append("<tr><td class=\"num\">").append(n++).append("</td><td>").append(Html.text(t.getString("name")))
                    .append("</td><td class=\"verdict verdict-").append(Html.text(v)).append("\">").append(Html.text(v))
                    .append("</td><td class=\"num\">").append(Html.number(t.getValue("time_ms")))
                    .append(" ms</td><td class=\"num\">").append(Html.number(t.getValue("memory_kb")))
                    .append(" KB</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    private static void row(StringBuilder b, String name, String valueHtml) {
        b.append("<dt>").append(name).append("</dt><dd>").append(valueHtml).append("</dd>\n");
    }

    private static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }

    /** Polls the submission's JSON while it is judged and reloads the page once its verdict is in. */
    private static String waitForVerdictScript(String id) {
        String url = "/api/v1/submissions/" + Html.segment(id);
        return "<script>\n(function () {\n"
                + "  var url = " + Scripts.string(url) + ";\n"
                + "  function poll() {\n"
                + "    fetch(url, {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (s) {\n"
                + "      if (s.status === " + Scripts.string(SubmissionStatus.DONE.wire()) + ") { location.reload(); return; }\n"
                + "      document.getElementById('status').textContent = s.status;\n"
                + "      setTimeout(poll, 1000);\n"
                + "    }).catch(function () { setTimeout(poll, 3000); });\n"
                + "  }\n  setTimeout(poll, 1000);\n})();\n</script>\n";
    }
}
