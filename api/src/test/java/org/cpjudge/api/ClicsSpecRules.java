package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Contest API specification (ccs-specs 2023-06) written as checks: each object's required properties and
 * their types, the formats of IDs, absolute and relative times, the known judgement type ids, and that every
 * reference resolves among the objects of the same contest ({@link Contest} collects them). Written from the
 * specification's text and rules; its schema files are not used.
 */
final class ClicsSpecRules {

    /** TIME: ISO 8601 {@code yyyy-mm-ddThh:mm:ss(.uuu)?[+-]zz(:mm)?} or Z; we always give the milliseconds. */
    private static final Pattern TIME = Pattern.compile(
            "[12][0-9]{3}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}([+-][01][0-9](:[0-5][0-9])?|Z)");
    /** RELTIME: {@code (-)?(h)*h:mm:ss(.uuu)?}, hours without leading zeros beyond one digit; milliseconds always. */
    private static final Pattern RELTIME = Pattern.compile("-?([1-9][0-9]*)?[0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}");
    private static final Pattern ID_CHARS = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Set<String> JUDGEMENT_TYPE_IDS = Set.of("AC", "RE", "WA", "TLE", "RTE", "CE", "APE", "OLE", "PE",
            "EO", "IO", "NO", "WTL", "ILE", "TCO", "TWA", "TPE", "TEO", "TIO", "TNO", "MLE", "SV", "IF", "RCO", "RWA",
            "RPE", "REO", "RIO", "RNO", "CTL", "JE", "SE", "CS");
    static final Set<String> EVENT_TYPES = Set.of("contest", "judgement-types", "languages", "problems", "groups",
            "organizations", "persons", "accounts", "teams", "state", "submissions", "judgements", "runs",
            "clarifications", "awards", "commentary");

    private ClicsSpecRules() {
    }

    // ---- the types

    /** ID: {@code [a-zA-Z0-9_.-]}, at most 36 characters, not starting with a dash or dot, not ending with a dot. */
    static void id(Object value, String where) {
        assertTrue(value instanceof String, where + ": an ID is a string, got " + value);
        String s = (String) value;
        assertTrue(!s.isEmpty() && s.length() <= 36, where + ": an ID has 1 to 36 characters: '" + s + "'");
        assertTrue(ID_CHARS.matcher(s).matches(), where + ": an ID uses only [a-zA-Z0-9_.-]: '" + s + "'");
        assertFalse(s.startsWith("-") || s.startsWith("."), where + ": an ID starts with neither '-' nor '.': " + s);
        assertFalse(s.endsWith("."), where + ": an ID does not end with '.': " + s);
    }

    static void idOrNull(JsonObject o, String key, String where) {
        if (o.getValue(key) != null) {
            id(o.getValue(key), where + "." + key);
        }
    }

    static void time(Object value, String where) {
        assertTrue(value instanceof String s && TIME.matcher(s).matches(), where + ": not a TIME: " + value);
        OffsetDateTime.parse((String) value); // and a real moment
    }

    static void timeOrNull(JsonObject o, String key, String where) {
        if (o.getValue(key) != null) {
            time(o.getValue(key), where + "." + key);
        }
    }

    static void reltime(Object value, String where) {
        assertTrue(value instanceof String s && RELTIME.matcher(s).matches(), where + ": not a RELTIME: " + value);
    }

    static void reltimeOrNull(JsonObject o, String key, String where) {
        if (o.getValue(key) != null) {
            reltime(o.getValue(key), where + "." + key);
        }
    }

    static String string(JsonObject o, String key, String where) {
        Object v = o.getValue(key);
        assertTrue(v instanceof String, where + "." + key + " is a required string: " + o.encode());
        return (String) v;
    }

    static void stringOrNull(JsonObject o, String key, String where) {
        Object v = o.getValue(key);
        assertTrue(v == null || v instanceof String, where + "." + key + " is a string or null: " + o.encode());
    }

    static boolean bool(JsonObject o, String key, String where) {
        Object v = o.getValue(key);
        assertTrue(v instanceof Boolean, where + "." + key + " is a required boolean: " + o.encode());
        return (Boolean) v;
    }

    static long integer(JsonObject o, String key, String where) {
        Object v = o.getValue(key);
        assertTrue(v instanceof Integer || v instanceof Long, where + "." + key + " is a required integer: " + o.encode());
        return ((Number) v).longValue();
    }

    static double number(JsonObject o, String key, String where) {
        Object v = o.getValue(key);
        assertTrue(v instanceof Number, where + "." + key + " is a required number: " + o.encode());
        return ((Number) v).doubleValue();
    }

    /** Seconds as the specification wants them: non-negative, an integer multiple of 0.001. */
    static void seconds(JsonObject o, String key, String where) {
        double v = number(o, key, where);
        assertTrue(v >= 0, where + "." + key + " is not negative");
        assertEquals(0, new BigDecimal(String.valueOf(v)).remainder(new BigDecimal("0.001")).signum(),
                where + "." + key + " is a multiple of 0.001: " + v);
    }

    static void fileRefs(Object value, String where) {
        assertTrue(value instanceof JsonArray, where + " is an array of FILE");
        for (Object f : (JsonArray) value) {
            assertTrue(f instanceof JsonObject, where + ": a FILE is an object");
            string((JsonObject) f, "href", where);
            string((JsonObject) f, "mime", where);
            stringOrNull((JsonObject) f, "filename", where);
        }
    }

    static JsonArray collection(Object value, String where) {
        assertTrue(value instanceof JsonArray, where + ": a collection is an array: " + value);
        Set<String> ids = new HashSet<>();
        for (Object o : (JsonArray) value) {
            assertTrue(o instanceof JsonObject, where + ": every item is an object");
            JsonObject item = (JsonObject) o;
            id(item.getValue("id"), where + "[].id");
            assertTrue(ids.add(item.getString("id")), where + ": ids are unique within an endpoint: " + item.getString("id"));
        }
        return (JsonArray) value;
    }

    // ---- the objects, with a contest's objects to resolve references in

    /** One contest's objects as one caller read them; the checks below resolve references here. */
    static final class Contest {
        final String scoreboardType;
        final Map<String, Map<String, JsonObject>> byType = new HashMap<>();

        Contest(JsonObject contest) {
            contest(contest);
            this.scoreboardType = contest.getString("scoreboard_type");
        }

        boolean score() {
            return "score".equals(scoreboardType);
        }

        void add(String type, JsonArray objects) {
            Map<String, JsonObject> map = byType.computeIfAbsent(type, t -> new HashMap<>());
            objects.forEach(o -> map.put(((JsonObject) o).getString("id"), (JsonObject) o));
        }

        JsonObject resolve(String type, String id, String where) {
            JsonObject found = byType.getOrDefault(type, Map.of()).get(id);
            assertNotNull(found, where + " refers to " + type + " '" + id + "', which this caller cannot find");
            return found;
        }

        void resolveOrNull(JsonObject o, String key, String type, String where) {
            if (o.getValue(key) != null) {
                resolve(type, o.getString(key), where + "." + key);
            }
        }
    }

    static void apiInformation(JsonObject api) {
        assertEquals("2023-06", api.getString("version"), api.encode());
        string(api, "version_url", "api");
        if (api.getValue("provider") != null) {
            string(api.getJsonObject("provider"), "name", "api.provider");
            stringOrNull(api.getJsonObject("provider"), "version", "api.provider");
        }
    }

    static void contest(JsonObject c) {
        id(c.getValue("id"), "contest.id");
        string(c, "name", "contest");
        stringOrNull(c, "formal_name", "contest");
        timeOrNull(c, "start_time", "contest");
        reltimeOrNull(c, "countdown_pause_time", "contest");
        assertFalse(c.getValue("start_time") != null && c.getValue("countdown_pause_time") != null,
                "never both start_time and countdown_pause_time: " + c.encode());
        reltime(c.getValue("duration"), "contest.duration");
        reltimeOrNull(c, "scoreboard_freeze_duration", "contest");
        timeOrNull(c, "scoreboard_thaw_time", "contest");
        String type = string(c, "scoreboard_type", "contest");
        assertTrue(type.equals("pass-fail") || type.equals("score"), "scoreboard_type: " + type);
        assertTrue(integer(c, "penalty_time", "contest") >= 0);
    }

    static void judgementTypes(Contest ctx, JsonArray types) {
        for (Object o : collection(types, "judgement-types")) {
            JsonObject t = (JsonObject) o;
            assertTrue(JUDGEMENT_TYPE_IDS.contains(t.getString("id")), "a known judgement type id: " + t.encode());
            string(t, "name", "judgement-type");
            bool(t, "penalty", "judgement-type"); // required: the contest has penalty_time
            bool(t, "solved", "judgement-type");
        }
        ctx.add("judgement-types", types);
    }

    static void languages(Contest ctx, JsonArray languages) {
        for (Object o : collection(languages, "languages")) {
            JsonObject l = (JsonObject) o;
            string(l, "name", "language");
            boolean required = bool(l, "entry_point_required", "language");
            if (required) {
                string(l, "entry_point_name", "language"); // required iff entry_point_required
            } else {
                assertNull(l.getValue("entry_point_name"), "no entry_point_name unless required: " + l.encode());
            }
            JsonArray ext = l.getJsonArray("extensions");
            assertNotNull(ext, "language.extensions is required: " + l.encode());
            assertEquals(ext.size(), new HashSet<>(ext.getList()).size(), "extensions are unique");
            ext.forEach(e -> assertTrue(e instanceof String));
        }
        ctx.add("languages", languages);
    }

    static void problems(Contest ctx, JsonArray problems) {
        Set<Long> ordinals = new HashSet<>();
        for (Object o : collection(problems, "problems")) {
            JsonObject p = (JsonObject) o;
            string(p, "label", "problem");
            string(p, "name", "problem");
            assertTrue(ordinals.add(integer(p, "ordinal", "problem")), "ordinals are unique: " + problems.encode());
            seconds(p, "time_limit", "problem");
            assertTrue(integer(p, "test_data_count", "problem") >= 0);
            if (ctx.score()) {
                number(p, "max_score", "problem"); // required iff scoreboard_type is score
            }
        }
        ctx.add("problems", problems);
    }

    static void groups(Contest ctx, JsonArray groups) {
        for (Object o : collection(groups, "groups")) {
            string((JsonObject) o, "name", "group");
            stringOrNull((JsonObject) o, "type", "group");
        }
        ctx.add("groups", groups);
    }

    static void organizations(Contest ctx, JsonArray organizations) {
        for (Object o : collection(organizations, "organizations")) {
            string((JsonObject) o, "name", "organization");
            stringOrNull((JsonObject) o, "formal_name", "organization");
        }
        ctx.add("organizations", organizations);
    }

    static void teams(Contest ctx, JsonArray teams) {
        for (Object o : collection(teams, "teams")) {
            JsonObject t = (JsonObject) o;
            string(t, "name", "team");
            string(t, "label", "team");
            stringOrNull(t, "display_name", "team");
            idOrNull(t, "organization_id", "team");
            ctx.resolveOrNull(t, "organization_id", "organizations", "team " + t.getString("id"));
            JsonArray groups = t.getJsonArray("group_ids");
            assertNotNull(groups, "group_ids is required when groups are offered: " + t.encode());
            for (Object g : groups) {
                id(g, "team.group_ids[]");
                ctx.resolve("groups", (String) g, "team " + t.getString("id") + ".group_ids");
            }
            Object hidden = t.getValue("hidden");
            assertTrue(hidden == null || hidden instanceof Boolean);
        }
        ctx.add("teams", teams);
    }

    /** started &lt; frozen &lt; ended &lt; thawed &lt; end_of_updates and ended &lt; finalized &lt; end_of_updates, as far as set. */
    static void state(JsonObject s) {
        for (String k : List.of("started", "frozen", "ended", "thawed", "finalized", "end_of_updates")) {
            timeOrNull(s, k, "state");
        }
        assertTrue(s.containsKey("frozen") && s.containsKey("thawed"),
                "frozen and thawed are required when the contest has scoreboard_freeze_duration: " + s.encode());
        ordered(s, "started", "frozen");
        ordered(s, "frozen", "ended");
        ordered(s, "started", "ended");
        ordered(s, "ended", "thawed");
        ordered(s, "ended", "finalized");
        ordered(s, "thawed", "end_of_updates");
        ordered(s, "finalized", "end_of_updates");
        if (s.getValue("ended") != null) {
            assertNotNull(s.getValue("started"), "ended is not set before started: " + s.encode());
        }
        if (s.getValue("thawed") != null) {
            assertNotNull(s.getValue("frozen"), "thawed is not set unless frozen: " + s.encode());
        }
        if (s.getValue("finalized") != null) {
            assertNotNull(s.getValue("ended"), "finalized is not set before ended: " + s.encode());
        }
        if (s.getValue("end_of_updates") != null) {
            assertNotNull(s.getValue("finalized"), "end_of_updates only once finalized: " + s.encode());
            assertTrue(s.getValue("frozen") == null || s.getValue("thawed") != null, "and thawed if frozen: " + s.encode());
        }
    }

    private static void ordered(JsonObject s, String first, String second) {
        if (s.getValue(first) != null && s.getValue(second) != null) {
            assertFalse(OffsetDateTime.parse(s.getString(second)).isBefore(OffsetDateTime.parse(s.getString(first))),
                    first + " comes before " + second + ": " + s.encode());
        }
    }

    static void submissions(Contest ctx, JsonArray submissions) {
        for (Object o : collection(submissions, "submissions")) {
            JsonObject s = (JsonObject) o;
            String where = "submission " + s.getString("id");
            id(s.getValue("language_id"), where + ".language_id");
            id(s.getValue("problem_id"), where + ".problem_id");
            id(s.getValue("team_id"), where + ".team_id");
            ctx.resolve("languages", s.getString("language_id"), where);
            ctx.resolve("problems", s.getString("problem_id"), where);
            ctx.resolve("teams", s.getString("team_id"), where);
            time(s.getValue("time"), where + ".time");
            reltime(s.getValue("contest_time"), where + ".contest_time");
            stringOrNull(s, "entry_point", where);
            String language = s.getString("language_id");
            if (language.equals("java")) {
                assertTrue(s.getValue("entry_point") instanceof String, "java needs its entry point: " + s.encode());
            }
            if (language.equals("c") || language.equals("cpp")) {
                assertNull(s.getValue("entry_point"), "C and C++ have no entry point: " + s.encode());
            }
            assertTrue(s.containsKey("files"), where + ".files is required");
            fileRefs(s.getValue("files"), where + ".files");
            assertTrue(s.getJsonArray("files").size() <= 1, "only exactly one archive: " + s.encode());
            s.getJsonArray("files").forEach(f -> assertEquals("application/zip", ((JsonObject) f).getString("mime")));
        }
        ctx.add("submissions", submissions);
    }

    static void judgements(Contest ctx, JsonArray judgements) {
        for (Object o : collection(judgements, "judgements")) {
            JsonObject j = (JsonObject) o;
            String where = "judgement " + j.getString("id");
            id(j.getValue("submission_id"), where + ".submission_id");
            ctx.resolve("submissions", j.getString("submission_id"), where);
            time(j.getValue("start_time"), where + ".start_time");
            reltime(j.getValue("start_contest_time"), where + ".start_contest_time");
            Object type = j.getValue("judgement_type_id");
            if (type != null) {
                assertTrue(JUDGEMENT_TYPE_IDS.contains(type), where + ": a known judgement type: " + type);
                ctx.resolve("judgement-types", (String) type, where);
                time(j.getValue("end_time"), where + ".end_time"); // required iff judgement_type_id is present
                reltime(j.getValue("end_contest_time"), where + ".end_contest_time");
                if (ctx.score()) {
                    assertTrue(number(j, "score", where) >= 0);
                }
            } else {
                assertNull(j.getValue("end_time"), where + ": no end_time before the verdict");
                assertNull(j.getValue("end_contest_time"), where + ": no end_contest_time before the verdict");
            }
            if (j.getValue("max_run_time") != null) {
                seconds(j, "max_run_time", where);
            }
        }
        ctx.add("judgements", judgements);
    }

    static void runs(Contest ctx, JsonArray runs) {
        Map<String, Set<Long>> ordinals = new HashMap<>();
        for (Object o : collection(runs, "runs")) {
            JsonObject r = (JsonObject) o;
            String where = "run " + r.getString("id");
            id(r.getValue("judgement_id"), where + ".judgement_id");
            JsonObject judgement = ctx.resolve("judgements", r.getString("judgement_id"), where);
            long ordinal = integer(r, "ordinal", where);
            JsonObject submission = ctx.resolve("submissions", judgement.getString("submission_id"), where);
            long tests = ctx.resolve("problems", submission.getString("problem_id"), where).getLong("test_data_count");
            assertTrue(ordinal >= 1 && ordinal <= tests, where + ": ordinal between 1 and test_data_count " + tests);
            assertTrue(ordinals.computeIfAbsent(r.getString("judgement_id"), k -> new HashSet<>()).add(ordinal),
                    where + ": ordinals differ within a judgement");
            assertTrue(JUDGEMENT_TYPE_IDS.contains(r.getString("judgement_type_id")), where + ": " + r.encode());
            time(r.getValue("time"), where + ".time");
            reltime(r.getValue("contest_time"), where + ".contest_time");
            seconds(r, "run_time", where);
        }
        ctx.add("runs", runs);
    }

    static void clarifications(Contest ctx, JsonArray clarifications) {
        ctx.add("clarifications", collection(clarifications, "clarifications"));
        for (Object o : clarifications) {
            JsonObject c = (JsonObject) o;
            String where = "clarification " + c.getString("id");
            for (String k : List.of("from_team_id", "to_team_id", "reply_to_id", "problem_id")) {
                idOrNull(c, k, where);
            }
            ctx.resolveOrNull(c, "from_team_id", "teams", where);
            ctx.resolveOrNull(c, "to_team_id", "teams", where);
            ctx.resolveOrNull(c, "reply_to_id", "clarifications", where);
            ctx.resolveOrNull(c, "problem_id", "problems", where);
            assertTrue(c.getValue("from_team_id") == null || c.getValue("to_team_id") == null,
                    "teams do not send messages to teams: " + c.encode());
            string(c, "text", where);
            time(c.getValue("time"), where + ".time");
            reltime(c.getValue("contest_time"), where + ".contest_time");
        }
    }

    static void awards(Contest ctx, JsonArray awards) {
        for (Object o : collection(awards, "awards")) {
            JsonObject a = (JsonObject) o;
            string(a, "citation", "award");
            Object teams = a.getValue("team_ids");
            if (teams != null) {
                assertTrue(teams instanceof JsonArray, "team_ids is an array of ID or null");
                for (Object t : (JsonArray) teams) {
                    id(t, "award.team_ids[]");
                    ctx.resolve("teams", (String) t, "award " + a.getString("id"));
                }
            }
        }
        ctx.add("awards", awards);
    }

    static void access(JsonObject access) {
        JsonArray capabilities = access.getJsonArray("capabilities");
        assertNotNull(capabilities, "access.capabilities: " + access.encode());
        capabilities.forEach(c -> assertTrue(c instanceof String));
        JsonArray endpoints = access.getJsonArray("endpoints");
        assertNotNull(endpoints, "access.endpoints");
        for (Object o : endpoints) {
            JsonObject e = (JsonObject) o;
            string(e, "type", "access.endpoints[]");
            JsonArray properties = e.getJsonArray("properties");
            assertTrue(properties != null && !properties.isEmpty(), "properties must not be empty: " + e.encode());
            properties.forEach(p -> assertTrue(p instanceof String));
        }
    }

    static void scoreboard(Contest ctx, JsonObject board) {
        time(board.getValue("time"), "scoreboard.time");
        reltime(board.getValue("contest_time"), "scoreboard.contest_time");
        assertNotNull(board.getJsonObject("state"), "scoreboard.state");
        state(board.getJsonObject("state"));
        JsonArray rows = board.getJsonArray("rows");
        assertNotNull(rows, "scoreboard.rows");
        long previousRank = 1;
        for (Object o : rows) {
            JsonObject row = (JsonObject) o;
            long rank = integer(row, "rank", "row");
            assertTrue(rank >= previousRank, "rows are sorted by rank: " + rows.encode());
            previousRank = rank;
            id(row.getValue("team_id"), "row.team_id");
            ctx.resolve("teams", row.getString("team_id"), "scoreboard row");
            JsonObject score = row.getJsonObject("score");
            assertNotNull(score, "row.score: " + row.encode());
            boolean solvedSome;
            if (ctx.score()) {
                number(score, "score", "row.score");
                assertFalse(score.containsKey("num_solved"), "a score board has no num_solved");
                solvedSome = score.getDouble("score") > 0;
            } else {
                long solved = integer(score, "num_solved", "row.score");
                assertTrue(solved >= 0 && integer(score, "total_time", "row.score") >= 0);
                assertFalse(score.containsKey("score"), "a pass-fail board has no score.score: " + row.encode());
                solvedSome = solved > 0;
            }
            assertEquals(solvedSome, score.getValue("time") != null, "score.time is null iff nothing solved: " + row.encode());
            long solvedCells = 0;
            for (Object p : row.getJsonArray("problems", new JsonArray())) {
                JsonObject cell = (JsonObject) p;
                id(cell.getValue("problem_id"), "row.problems[].problem_id");
                ctx.resolve("problems", cell.getString("problem_id"), "scoreboard cell");
                assertTrue(integer(cell, "num_judged", "cell") >= 0 && integer(cell, "num_pending", "cell") >= 0);
                boolean counts;
                if (ctx.score()) {
                    counts = number(cell, "score", "cell") > 0;
                } else {
                    counts = bool(cell, "solved", "cell");
                    solvedCells += counts ? 1 : 0;
                }
                assertEquals(counts, cell.getValue("time") != null, "cell time iff solved or score > 0: " + cell.encode());
                if (counts) {
                    assertTrue(integer(cell, "time", "cell") >= 0);
                }
            }
            if (!ctx.score()) {
                assertEquals(score.getLong("num_solved"), solvedCells, "num_solved counts the solved cells: " + row.encode());
            }
        }
    }

    /** One NDJSON line of the event feed: type, id, data and token, data shaped as its endpoint's objects. */
    static JsonObject event(String line) {
        JsonObject e;
        try {
            e = new JsonObject(line);
        } catch (RuntimeException ex) {
            fail("not a JSON object: " + line);
            return null;
        }
        String type = string(e, "type", "event");
        assertTrue(EVENT_TYPES.contains(type), "a known event type: " + type);
        assertTrue(e.containsKey("id") && e.containsKey("data"), "an event has id and data: " + line);
        string(e, "token", "event");
        if (type.equals("contest") || type.equals("state")) {
            assertNull(e.getValue("id"), "a contest or state event has a null id: " + line);
            assertTrue(e.getValue("data") instanceof JsonObject, line);
        } else if (e.getValue("id") != null) {
            id(e.getValue("id"), "event.id");
            Object data = e.getValue("data");
            assertTrue(data == null || data instanceof JsonObject, "one object or null (deleted): " + line);
            if (data != null) {
                assertEquals(e.getString("id"), ((JsonObject) data).getString("id"), "data is the object named: " + line);
            }
        } else {
            assertTrue(e.getValue("data") instanceof JsonArray, "a collection event carries the collection: " + line);
        }
        return e;
    }
}
