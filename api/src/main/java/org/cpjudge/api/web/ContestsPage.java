package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** {@code /}: every contest, running first, then upcoming, then past. */
public final class ContestsPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ContestsPage() {
    }

    /** Renders the contests as the API lists them. */
    public static String render(JsonArray contests) {
        return render(contests, Instant.now());
    }

    static String render(JsonArray contests, Instant now) {
        StringBuilder b = new StringBuilder("<h1>Contests</h1>\n");
        if (contests.isEmpty()) {
            b.append("<p class=\"muted\">No contests yet.</p>\n");
            return Html.page("Contests", b.toString());
        }
        for (Phase phase : Phase.values()) {
            StringBuilder rows = new StringBuilder();
            for (Object o : contests) {
                JsonObject c = (JsonObject) o;
                if (phase(c, now) == phase) {
                    rows.append(row(c));
                }
            }
            if (!rows.isEmpty()) {
                b.append("<h2>").append(phase.heading).append("</h2>\n<div class=\"table-wrap\"><table class=\"contests\">\n"
                        + "<thead><tr><th>Contest</th><th>Start</th><th class=\"num\">Length</th><th>Scoring</th>"
                        + "<th class=\"num\">Problems</th><th>Rated</th></tr></thead>\n<tbody>\n")
                        .append(rows).append("</tbody></table></div>\n");
            }
        }
        return Html.page("Contests", b.toString());
    }

    private static String row(JsonObject c) {
        String id = c.getString("id");
        String name = c.getString("name") != null ? c.getString("name") : id;
        return "<tr><td><a href=\"/contests/" + Html.text(Html.segment(id)) + "\">" + Html.text(name) + "</a></td>"
                + "<td>" + Html.text(when(c.getString("start"))) + "</td>"
                + "<td class=\"num\">" + Html.text(length(c.getInteger("duration_minutes"))) + "</td>"
                + "<td>" + Html.text(scoring(c.getString("scoring"))) + "</td>"
                + "<td class=\"num\">" + c.getJsonArray("problems", new JsonArray()).size() + "</td>"
                + "<td>" + (c.getBoolean("rated", false) ? "rated" : "<span class=\"muted\">unrated</span>") + "</td></tr>\n";
    }

    /** A line of facts under a contest's name: when, how long, how scored, whether rated. */
    static String facts(JsonObject c) {
        StringBuilder b = new StringBuilder("<p class=\"facts\">");
        if (c.getString("start") != null) {
            b.append("<span>").append(Html.text(when(c.getString("start")))).append("</span>");
        }
        if (c.getInteger("duration_minutes") != null) {
            b.append("<span>").append(Html.text(length(c.getInteger("duration_minutes")))).append("</span>");
        }
        if (c.getString("scoring") != null) {
            b.append("<span>").append(Html.text(scoring(c.getString("scoring")))).append("</span>");
        }
        if (c.getValue("rated") != null) {
            b.append("<span>").append(c.getBoolean("rated", false) ? "rated" : "unrated").append("</span>");
        }
        return b.append("</p>").toString();
    }

    enum Phase {
        RUNNING("Running"), UPCOMING("Upcoming"), PAST("Past");

        final String heading;

        Phase(String heading) {
            this.heading = heading;
        }
    }

    static Phase phase(JsonObject c, Instant now) {
        String status = c.getString("status");
        if (status != null) {
            switch (status) {
                case "running":
                    return Phase.RUNNING;
                case "upcoming":
                    return Phase.UPCOMING;
                case "ended", "finalized":
                    return Phase.PAST;
                default:
                    break;
            }
        }
        Instant start = instant(c.getString("start"));
        Integer minutes = c.getInteger("duration_minutes");
        if (start == null || minutes == null) {
            return Phase.PAST;
        }
        if (now.isBefore(start)) {
            return Phase.UPCOMING;
        }
        return now.isBefore(start.plusSeconds(60L * minutes)) ? Phase.RUNNING : Phase.PAST;
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String when(String iso) {
        Instant t = instant(iso);
        return t == null ? (iso == null ? "" : iso) : WHEN.format(t);
    }

    private static String length(Integer minutes) {
        if (minutes == null) {
            return "";
        }
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min"
                : minutes + " min";
    }

    private static String scoring(String scoring) {
        return scoring == null ? "" : scoring.toUpperCase(java.util.Locale.ROOT);
    }
}
