package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /}: every contest, running first (with the time left), then upcoming (with a countdown to the
 * start), then past; and the practice problems (home.jte). {@code /static/js/countdown.js} keeps the clocks
 * ticking; without JavaScript they show the time as of loading.
 */
public final class ContestsPage {

    static final String COUNTDOWN_SCRIPT = "/static/js/countdown.js";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ContestsPage() {
    }

    /** Where a contest stands now. */
    public enum Phase {
        RUNNING("Running", "running"), UPCOMING("Upcoming", "upcoming"), PAST("Past", "past");

        private final String heading;
        private final String id;

        Phase(String heading, String id) {
            this.heading = heading;
            this.id = id;
        }

        public String heading() {
            return heading;
        }

        /** The section's element id. */
        public String id() {
            return id;
        }
    }

    /**
     * A contest as the pages show it. {@code clockUntil}: the instant its clock counts down to (the start of an
     * upcoming contest, the end of a running one), null for a past one; {@code clockText} the clock as of now.
     */
    public record Item(String id, String name, Phase phase, String start, String when, String length,
                       String scoring, int problems, boolean rated, boolean frozen, String clockUntil,
                       String clockText) {
        /** What the clock counts to, in words: "Starts in" or "Ends in". */
        public String clockLabel() {
            return phase == Phase.UPCOMING ? "Starts in" : "Ends in";
        }
    }

    /** One phase's contests, in the order the API lists them. */
    public record Section(Phase phase, List<Item> contests) {
    }

    /** A problem anyone may practise: in no contest, or its contests are over and allow it. */
    public record Problem(String id, String name, String limits) {
    }

    /** Renders the contests as the API lists them, without practice problems. */
    public static String render(JsonArray contests) {
        return render(contests, new JsonArray(), Instant.now());
    }

    static String render(JsonArray contests, Instant now) {
        return render(contests, new JsonArray(), now);
    }

    /**
     * Renders the contests as the API lists them and the practice problems ({@code id}, {@code name},
     * {@code time_limit_ms}, {@code memory_limit_mb}).
     */
    public static String render(JsonArray contests, JsonArray practice, Instant now) {
        List<Section> sections = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            List<Item> items = new ArrayList<>();
            for (Object o : contests) {
                JsonObject c = (JsonObject) o;
                if (phase(c, now) == phase) {
                    items.add(item(c, now));
                }
            }
            sections.add(new Section(phase, items));
        }
        return Templates.render("home.jte", Map.of("sections", sections, "anyContest", !contests.isEmpty(),
                "practice", problems(practice), "script", COUNTDOWN_SCRIPT));
    }

    /** The problems of the practice list, for {@code /} and {@code /problems}. */
    static List<Problem> problems(JsonArray practice) {
        List<Problem> out = new ArrayList<>();
        for (Object o : practice) {
            JsonObject p = (JsonObject) o;
            String id = p.getString("id");
            String name = p.getString("name");
            out.add(new Problem(id, name == null || name.isBlank() ? id : name, limits(p)));
        }
        return out;
    }

    /** {@code /problems}: every practice problem. */
    public static String renderProblems(JsonArray practice) {
        return Templates.render("problems.jte", Map.of("practice", problems(practice)));
    }

    private static String limits(JsonObject p) {
        Number ms = p.getNumber("time_limit_ms");
        Number mb = p.getNumber("memory_limit_mb");
        List<String> parts = new ArrayList<>();
        if (ms != null) {
            double s = ms.doubleValue() / 1000;
            parts.add((s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + " s");
        }
        if (mb != null) {
            parts.add(mb.intValue() + " MB");
        }
        return String.join(" · ", parts);
    }

    static Item item(JsonObject c, Instant now) {
        String id = c.getString("id");
        String name = c.getString("name") != null ? c.getString("name") : id;
        Phase phase = phase(c, now);
        Instant start = instant(c.getString("start"));
        Integer minutes = c.getInteger("duration_minutes");
        Instant end = instant(c.getString("end"));
        if (end == null && start != null && minutes != null) {
            end = start.plusSeconds(60L * minutes);
        }
        Instant until = phase == Phase.UPCOMING ? start : phase == Phase.RUNNING ? end : null;
        int problems = c.getInteger("problem_count", c.getJsonArray("problems", new JsonArray()).size());
        return new Item(id, name, phase, c.getString("start"), when(c.getString("start")), length(minutes),
                scoring(c.getString("scoring")), problems, c.getBoolean("rated", false), c.getBoolean("frozen", false),
                until == null ? null : until.toString(), until == null ? null : clock(Duration.between(now, until)));
    }

    /** "2 d 03:04:05", "03:04:05": as countdown.js writes it, so the page does not jump when the script starts. */
    static String clock(Duration left) {
        long s = Math.max(0, left.getSeconds());
        long days = s / 86_400;
        String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", s % 86_400 / 3600, s % 3600 / 60, s % 60);
        return days > 0 ? days + " d " + hms : hms;
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
        return scoring == null ? "" : scoring.toUpperCase(Locale.ROOT);
    }
}
