package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.http.OpenApiDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is true: it names exactly the routes the router mounts (enumerated at run time, methods
 * and paths), its references resolve, and a realistic flow's real answers, successes and errors, validate
 * against the response schemas the document gives for their path, method and status.
 */
class OpenApiDocumentTest {

    private static final String ADMIN = "openapi-admin-token";
    /** The OpenAPI operations' keys, as the router's methods spell them. */
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /**
     * Operations documented ahead of the branch that mounts them (issue 11): each must be absent from the router,
     * so merging that branch fails here until the mark is removed.
     */
    private static final String NOT_MOUNTED_YET = "x-not-mounted-yet";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient raw;
    private static final List<String> checked = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 1, ADMIN, false));
        raw = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- the router and the document name the same operations -------------------------------------------------

    /** One operation: a method and a path written as OpenAPI writes it ({name} for a parameter). */
    record Operation(String method, String path) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation o) {
            return (path + " " + method).compareTo(o.path + " " + o.method);
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private static final Pattern VERTX_PARAMETER = Pattern.compile(":([A-Za-z0-9_]+)");

    @Test
    void theDocumentNamesExactlyTheRoutesTheRouterMounts() {
        JsonObject paths = OpenApiDocument.load().getJsonObject("paths");
        Set<Operation> documented = new TreeSet<>();
        Set<Operation> ahead = new TreeSet<>();
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String key : item.fieldNames()) {
                if (METHODS.contains(key)) {
                    (item.getJsonObject(key).containsKey(NOT_MOUNTED_YET) ? ahead : documented).add(new Operation(key, path));
                }
            }
        }
        Set<Operation> mounted = new TreeSet<>();
        List<String> filters = new ArrayList<>();
        for (Route route : server.routes()) {
            if (route.methods() == null || route.methods().isEmpty()) {
                // no method: a filter (a header on a prefix) or the fallback 404, not an operation
                filters.add(route.getPath() + (route.isExactPath() ? "" : "*"));
                continue;
            }
            // Vert.x keeps a path with :parameters as a regex too; only a route made from a regex alone has no path
            assertNotNull(route.getPath(), "a route made from a regex cannot be documented as a path: " + route);
            String path = documentedPath(route, paths);
            for (HttpMethod m : route.methods()) {
                mounted.add(new Operation(m.name().toLowerCase(Locale.ROOT), path));
            }
        }
        // a new method-less route must be looked at: if it answers requests, give it a method and document it.
        // Today: the access log (every request, first), the rate limits, the security headers, the NUL check, the
        // token gate, the /clics headers, the fallback 404.
        assertEquals(List.of("/clics*", "null", "null", "null", "null", "null", "null"),
                filters.stream().sorted().toList(),
                "routes that take every method");

        Set<Operation> undocumented = new TreeSet<>(mounted);
        undocumented.removeAll(documented);
        Set<Operation> notMounted = new TreeSet<>(documented);
        notMounted.removeAll(mounted);
        assertEquals(Set.of(), undocumented, "mounted but not in openapi.yaml");
        assertEquals(Set.of(), notMounted, "in openapi.yaml but not mounted (mark it " + NOT_MOUNTED_YET + " if it"
                + " comes with another branch)");
        Set<Operation> arrived = new TreeSet<>(ahead);
        arrived.retainAll(mounted);
        assertEquals(Set.of(), arrived, "mounted now: remove their " + NOT_MOUNTED_YET + " mark");
        assertTrue(mounted.size() > 50, "the whole API: " + mounted.size());
    }

    /**
     * The route's path as the document writes it: {@code :id} is {@code {id}}; a wildcard tail ({@code /x/*},
     * which Vert.x keeps as the prefix {@code /x/}) is the one documented path that adds one parameter to it.
     */
    private static String documentedPath(Route route, JsonObject paths) {
        Matcher m = VERTX_PARAMETER.matcher(route.getPath());
        String path = m.replaceAll("{$1}");
        if (route.isExactPath()) {
            return path;
        }
        List<String> tails = paths.fieldNames().stream()
                .filter(p -> p.startsWith(path) && p.substring(path.length()).matches("\\{[A-Za-z0-9_]+\\}")).toList();
        assertEquals(1, tails.size(), "the wildcard route " + route.getPath() + "* is documented as one path: " + tails);
        return tails.get(0);
    }

    @Test
    void everyReferenceResolvesAndOperationsAreNamedOnce() {
        OpenApiContract contract = OpenApiContract.get();
        JsonObject document = contract.document();
        assertTrue(document.getString("openapi").startsWith("3.1."));
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertTrue(refs.size() > 100, "refs: " + refs.size());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), "a reference inside the document: " + ref);
            assertNotNull(contract.resolve(ref.substring(1)), ref);
        }
        Set<String> ids = new HashSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String key : paths.getJsonObject(path).fieldNames()) {
                if (METHODS.contains(key)) {
                    JsonObject op = paths.getJsonObject(path).getJsonObject(key);
                    assertTrue(ids.add(op.getString("operationId")), "operationId twice or missing: " + path + " " + key);
                    assertFalse(op.getJsonObject("responses").isEmpty(), path + " " + key + " documents no response");
                    pathParametersDeclared(path, paths.getJsonObject(path), op, contract);
                }
            }
        }
    }

    /** Each {name} in a path is a declared path parameter, on the path or on the operation. */
    private static void pathParametersDeclared(String path, JsonObject item, JsonObject op, OpenApiContract contract) {
        Set<String> declared = new HashSet<>();
        for (JsonObject holder : List.of(item, op)) {
            JsonArray params = holder.getJsonArray("parameters", new JsonArray());
            for (Object p : params) {
                JsonObject param = (JsonObject) p;
                if (param.containsKey("$ref")) {
                    param = (JsonObject) contract.resolve(param.getString("$ref").substring(1));
                }
                if ("path".equals(param.getString("in"))) {
                    assertTrue(param.getBoolean("required", false), path + ": path parameter " + param.getString("name"));
                    declared.add(param.getString("name"));
                }
            }
        }
        Set<String> named = new HashSet<>();
        Matcher m = Pattern.compile("\\{([^}]+)\\}").matcher(path);
        while (m.find()) {
            named.add(m.group(1));
        }
        assertEquals(named, declared, "path parameters of " + path);
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof JsonObject o) {
            if (o.getValue("$ref") instanceof String ref) {
                refs.add(ref);
            }
            o.forEach(e -> collectRefs(e.getValue(), refs));
        } else if (node instanceof JsonArray a) {
            a.forEach(v -> collectRefs(v, refs));
        }
    }

    @Test
    void theServedDocumentIsTheResource() throws Exception {
        var r = get("/api/v1/openapi.json", null);
        assertEquals(200, r.status());
        assertEquals(OpenApiDocument.load(), r.json());
    }

    // ---- real answers match the document ------------------------------------------------------------------------

    @Test
    void aWholeFlowAnswersAsDocumented() throws Exception {
        get("/health/live", null);
        get("/health/ready", null);
        assertEquals(200, get("/api/v1/languages", null).status());

        // users, and the errors of making them
        String alice = token(postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "oa_alice")), 201);
        String bot = token(postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "oa_bot").put("kind", "ai")
                .put("model", "gpt-test").put("provider", "tests")), 201);
        String carol = token(postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "oa_carol")), 201);
        error(postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "oa_alice")), 409);
        refusedByBoth("/api/v1/users", ADMIN, new JsonObject().put("handle", "-bad-"));
        refusedByBoth("/api/v1/users", ADMIN, new JsonObject().put("handle", "oa_k").put("kind", "robot"));
        error(postJson("/api/v1/users", alice, new JsonObject().put("handle", "oa_x")), 403);
        error(postJson("/api/v1/users", null, new JsonObject().put("handle", "oa_x")), 401);
        error(post("/api/v1/users", ADMIN, "application/json", "{not json".getBytes()), 400);
        assertEquals(200, post("/api/v1/users/me/webhook-secret", alice, "application/json", new byte[0]).status());

        // problems
        byte[] sum = Zips.of(Zips.resource("packages/sum"));
        for (String id : List.of("oa-sum", "oa-a", "oa-b")) {
            assertEquals(201, post("/api/v1/problems?id=" + id, ADMIN, "application/zip", sum).status());
        }
        error(post("/api/v1/problems?id=oa-c", ADMIN, "text/plain", sum), 415);
        error(post("/api/v1/problems?id=oa-c", alice, "application/zip", sum), 403);
        assertEquals(200, get("/api/v1/problems/oa-sum", null).status());
        error(get("/api/v1/problems/nope", null), 404);
        var statement = get("/api/v1/problems/oa-sum/statement", null);
        assertEquals(200, statement.status());
        assertEquals(200, get(statement.json().getJsonArray("files").getJsonObject(0).getString("url"), null).status());
        error(get("/api/v1/problems/oa-sum/statement/nope.md", null), 404);

        // practice submissions: one alone, one AI attempt, a batch
        String practice = submitted(postJson("/api/v1/submissions", alice, submission("oa-sum", "AC")));
        String attempt = submitted(postJson("/api/v1/submissions", bot, submission("oa-sum", "WA")
                .put("attempt", new JsonObject().put("group", "g1").put("index", 0).put("model", "gpt-test")
                        .put("cost_usd", 0.25).put("tokens", 1000))));
        var batch = postJson("/api/v1/submissions/batch", alice, new JsonObject().put("submissions",
                new JsonArray().add(submission("oa-sum", "WA")).add(submission("oa-sum", "AC"))));
        assertEquals(202, batch.status(), batch.body());
        error(postJson("/api/v1/submissions", alice, submission("nope", "AC")), 404);
        refusedByBoth("/api/v1/submissions", alice, new JsonObject().put("problem", "oa-sum"));
        refusedByBoth("/api/v1/submissions", alice, submission("oa-sum", "AC").put("attempt", new JsonObject()
                .put("group", "g1").put("index", -1)));
        error(postJson("/api/v1/submissions", null, submission("oa-sum", "AC")), 401);
        refusedByBoth("/api/v1/submissions/batch", alice, new JsonObject().put("submissions", new JsonArray()));
        assertEquals("AC", awaitVerdict(practice, alice).getString("verdict"));
        assertEquals("WA", awaitVerdict(attempt, bot).getString("verdict"));
        for (Object id : batch.json().getJsonArray("ids")) {
            awaitVerdict((String) id, alice);
        }
        error(get("/api/v1/submissions/not-a-uuid", null), 404);
        error(get("/api/v1/submissions/00000000-0000-0000-0000-000000000000", null), 404);
        assertEquals(202, postJson("/api/v1/submissions/" + practice + "/rejudge", ADMIN, new JsonObject()).status());
        error(postJson("/api/v1/submissions/" + practice + "/rejudge", alice, new JsonObject()), 403);
        awaitVerdict(practice, alice);

        // a running contest: create, read, edit (refused: started), register, submit, scoreboard
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        JsonObject round = new JsonObject().put("id", "oa-round").put("name", "OpenAPI round").put("start", start.toString())
                .put("duration_minutes", 120).put("scoring", "icpc").put("problems", new JsonArray().add("oa-a").add("oa-b"))
                .put("freeze_minutes", 0).put("rated", true);
        assertEquals(201, postJson("/api/v1/contests", ADMIN, round).status());
        error(postJson("/api/v1/contests", ADMIN, round), 409);
        refusedByBoth("/api/v1/contests", ADMIN, round.copy().put("id", "oa-bad").put("start", "tomorrow"));
        error(postJson("/api/v1/contests", alice, round.copy().put("id", "oa-other")), 403);
        assertEquals(200, get("/api/v1/contests", null).status());
        assertEquals(200, get("/api/v1/contests", ADMIN).status());
        assertEquals(200, get("/api/v1/contests/oa-round", null).status());
        error(get("/api/v1/contests/nope", null), 404);
        error(patchJson("/api/v1/contests/oa-round", ADMIN, new JsonObject().put("name", "Renamed")), 409);
        for (String token : List.of(alice, bot)) {
            assertEquals(201, post("/api/v1/contests/oa-round/register", token, "application/json", new byte[0]).status());
        }
        assertEquals(200, post("/api/v1/contests/oa-round/register", alice, "application/json", new byte[0]).status());
        error(postJson("/api/v1/submissions", carol, submission("oa-a", "AC").put("contest", "oa-round")), 403);
        String wrong = submitted(postJson("/api/v1/submissions", alice, submission("oa-a", "WA").put("contest", "oa-round")));
        String right = submitted(postJson("/api/v1/submissions", alice, submission("oa-a", "AC").put("contest", "oa-round")));
        String botTry = submitted(postJson("/api/v1/submissions", bot, submission("oa-b", "AC").put("contest", "oa-round")));
        for (String id : List.of(wrong, right)) {
            awaitVerdict(id, alice);
        }
        awaitVerdict(botTry, bot);
        var board = get("/api/v1/contests/oa-round/scoreboard", null);
        assertEquals(200, board.status());
        assertEquals(2, board.json().getJsonArray("rows").size(), board.body());
        var page = get("/api/v1/contests/oa-round/scoreboard?page=1&per_page=1", null);
        assertEquals(200, page.status());
        assertEquals(200, get("/api/v1/contests/oa-round/scoreboard?around=oa_bot&per_page=1", null).status());
        assertEquals(200, get("/api/v1/contests/oa-round/scoreboard?view=jury", ADMIN).status());
        error(get("/api/v1/contests/oa-round/scoreboard?view=jury", alice), 403);
        error(get("/api/v1/contests/oa-round/scoreboard?view=sideways", null), 400);
        String etag = page.headers().firstValue("ETag").orElseThrow();
        var unchanged = send("GET", "/api/v1/contests/oa-round/scoreboard?page=1&per_page=1", HttpRequest.newBuilder()
                .header("If-None-Match", etag).GET());
        assertEquals(304, unchanged.status());

        // clarifications: a question, the jury's public answer, an announcement
        var question = postJson("/api/v1/contests/oa-round/clarifications", alice,
                new JsonObject().put("problem", "oa-a").put("text", "Are the numbers integers?"));
        assertEquals(201, question.status(), question.body());
        long qid = question.json().getLong("id");
        assertEquals(201, postJson("/api/v1/contests/oa-round/clarifications", ADMIN, new JsonObject()
                .put("reply_to", qid).put("public", true).put("text", "Yes.")).status());
        assertEquals(201, postJson("/api/v1/contests/oa-round/clarifications", ADMIN, new JsonObject()
                .put("problem", null).put("text", "Ten minutes left... not yet.")).status());
        error(postJson("/api/v1/contests/oa-round/clarifications", carol, new JsonObject().put("text", "Hello?")), 403);
        refusedByBoth("/api/v1/contests/oa-round/clarifications", alice, new JsonObject());
        for (String token : new String[] {null, alice, ADMIN}) {
            assertEquals(200, get("/api/v1/contests/oa-round/clarifications", token).status());
        }
        assertEquals(200, get("/api/v1/contests/oa-round/clarifications/" + qid, alice).status());
        error(get("/api/v1/contests/oa-round/clarifications/999999", alice), 404);

        // rejudge, freeze, finalize (twice), ratings
        var rejudged = postJson("/api/v1/contests/oa-round/rejudge", ADMIN, new JsonObject().put("problem", "oa-a"));
        assertEquals(202, rejudged.status(), rejudged.body());
        error(postJson("/api/v1/contests/oa-round/rejudge", ADMIN, new JsonObject().put("problem", "oa-sum")), 400);
        for (String id : List.of(wrong, right)) {
            awaitVerdict(id, alice);
        }
        error(post("/api/v1/contests/oa-round/unfreeze", ADMIN, "application/json", new byte[0]), 409);
        error(post("/api/v1/contests/oa-round/finalize", alice, "application/json", new byte[0]), 403);
        var finalized = post("/api/v1/contests/oa-round/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        assertEquals(2, finalized.json().getJsonArray("rating_changes").size(), finalized.body());
        assertEquals(200, post("/api/v1/contests/oa-round/finalize", ADMIN, "application/json", new byte[0]).status());
        error(post("/api/v1/contests/oa-round/register", carol, "application/json", new byte[0]), 409);
        var profile = get("/api/v1/users/oa_alice", null);
        assertEquals(200, profile.status());
        assertEquals(1, profile.json().getJsonArray("history").size(), profile.body());
        assertEquals(200, get("/api/v1/users/oa_carol", null).status());
        var me = get("/api/v1/users/me", carol);
        assertEquals(200, me.status(), me.body());
        assertEquals("oa_carol", me.json().getString("handle"));
        error(get("/api/v1/users/me", null), 401);
        error(get("/api/v1/users/nobody", null), 404);
        for (String kind : List.of("", "?kind=all", "?kind=human", "?kind=ai")) {
            assertEquals(200, get("/api/v1/leaderboard" + kind, null).status());
        }
        error(get("/api/v1/leaderboard?kind=robots", null), 400);

        // virtual participation in the finished contest, ranked against reference standings
        JsonArray standings = new JsonArray().add(new JsonObject().put("handle", "ref_1").put("rating", 1600).put("rank", 1))
                .add(new JsonObject().put("handle", "ref_2").put("rating", 1400).put("rank", 2));
        var stored = postJson("/api/v1/contests/oa-round/standings", ADMIN, new JsonObject().put("standings", standings));
        assertEquals(201, stored.status(), stored.body());
        refusedByBoth("/api/v1/contests/oa-round/standings", ADMIN, new JsonObject());
        assertEquals(200, get("/api/v1/contests/oa-round/standings", null).status());
        var virtual = postJson("/api/v1/contests/oa-round/virtual", carol, new JsonObject().put("policy", "clock"));
        assertEquals(201, virtual.status(), virtual.body());
        error(postJson("/api/v1/contests/oa-round/virtual", carol, new JsonObject().put("policy", "clock")), 409);
        refusedByBoth("/api/v1/contests/oa-round/virtual", alice, new JsonObject().put("policy", "sometimes"));
        String carolTry = submitted(postJson("/api/v1/submissions", carol, submission("oa-a", "AC").put("contest", "oa-round")));
        awaitVerdict(carolTry, carol);
        assertEquals(200, get("/api/v1/contests/oa-round/virtual/oa_carol", carol).status());
        assertEquals(200, post("/api/v1/contests/oa-round/virtual/end", carol, "application/json", new byte[0]).status());
        assertEquals(200, get("/api/v1/contests/oa-round/virtual/oa_carol", null).status());
        error(get("/api/v1/contests/oa-round/virtual/oa_alice", null), 404);

        // AI reports and models
        var report = get("/api/v1/ai/report?problem=oa-sum&handle=oa_bot", null);
        assertEquals(200, report.status());
        assertEquals(1, report.json().getJsonArray("rows").size(), report.body());
        assertEquals(200, get("/api/v1/ai/report?contest=oa-round", null).status());
        error(get("/api/v1/ai/report", null), 400);
        error(get("/api/v1/ai/report?problem=nope", null), 404);
        assertEquals(200, get("/api/v1/ai/models", null).status());
        error(get("/api/v1/ai/models/nope", null), 404);

        // pages and the stylesheet
        for (String path : List.of("/", "/contests/oa-round", "/leaderboard", "/leaderboard?kind=ai", "/users/oa_alice",
                "/submissions/" + practice, "/static/style.css", "/static/js/session.js", "/problems",
                "/contests/oa-round?page=2")) {
            assertEquals(200, get(path, null).status(), path);
        }
        for (String path : List.of("/contests/nope", "/users/nobody", "/submissions/nope")) {
            assertEquals(404, get(path, null).status(), path);
        }

        // CLICS
        for (String path : List.of("/clics", "/clics/", "/clics/contests", "/clics/contests/oa-round",
                "/clics/contests/oa-round/state", "/clics/contests/oa-round/problems", "/clics/contests/oa-round/problems/oa-a",
                "/clics/contests/oa-round/scoreboard", "/clics/contests/oa-round/event-feed?stream=false",
                "/clics/contests/oa-round/submissions")) {
            assertEquals(200, get(path, null).status(), path);
        }
        error(get("/clics/contests/nope", null), 404);
        error(get("/clics/contests/oa-round/problems/nope", null), 404);

        assertTrue(checked.size() > 100, "answers checked: " + checked.size());
    }

    /**
     * Every JSON body is checked by its schema in the document before anything is looked up: a wrongly typed field
     * is a 400 that names it, even on a contest that does not exist, and the document refuses the body too.
     */
    @Test
    void everyJsonBodyIsCheckedByItsSchemaFirst() throws Exception {
        String nope = "/api/v1/contests/schema-nope";
        JsonObject contest = new JsonObject().put("id", "schema-c").put("name", "S").put("start", "2026-11-24T10:00:00Z")
                .put("duration_minutes", "long").put("problems", new JsonArray().add("p"));
        List<Object[]> cases = List.of(
                new Object[] {"POST", "/api/v1/users", new JsonObject().put("handle", "schema_u").put("name", 5),
                        "invalid_field", "'name' must be a string or null"},
                new Object[] {"POST", "/api/v1/contests", contest, "invalid_field", "'duration_minutes' must be a whole number"},
                new Object[] {"PATCH", nope, new JsonObject().put("rated", "yes"), "invalid_field", "'rated' must be true or false"},
                new Object[] {"POST", nope + "/register", new JsonObject().put("handle", 5), "invalid_field", "'handle'"},
                new Object[] {"POST", nope + "/clarifications", new JsonObject().put("text", 5), "invalid_field", "'text'"},
                new Object[] {"POST", nope + "/clarifications", new JsonObject().put("text", "x".repeat(10_001)),
                        "text_too_long", "'text'"},
                new Object[] {"POST", nope + "/standings", new JsonObject().put("standings", "all"), "invalid_field",
                        "'standings' must be an array"},
                new Object[] {"POST", nope + "/standings", new JsonObject().put("standings", new JsonArray()
                        .add(new JsonObject().put("handle", "r").put("rating", "high").put("rank", 1))),
                        "invalid_standings_row", "'standings[0].rating'"},
                new Object[] {"POST", nope + "/virtual", new JsonObject().put("policy", 7), "invalid_field", "'policy'"},
                new Object[] {"POST", nope + "/rejudge", new JsonObject().put("force", "yes"), "invalid_field", "'force'"});
        for (Object[] c : cases) {
            String method = (String) c[0];
            String path = (String) c[1];
            JsonObject body = (JsonObject) c[2];
            var r = method.equals("PATCH") ? patchJson(path, ADMIN, body) : postJson(path, ADMIN, body);
            String what = method + " " + path + " " + body.encode() + " -> " + r.body();
            assertEquals(400, r.status(), what);
            assertEquals(c[3], r.json().getJsonObject("error").getString("code"), what);
            assertTrue(r.json().getJsonObject("error").getString("message").startsWith((String) c[4]), what);
            assertFalse(OpenApiContract.get().requestErrors(method, path, body.encode()).isEmpty(),
                    "the server refused it; the document's schema should too: " + what);
        }
    }

    // ---- a client whose every answer is checked against the document --------------------------------------------

    private static ApiClient.Response get(String path, String token) throws Exception {
        return checked("GET", path, raw.get(path, token));
    }

    private static ApiClient.Response post(String path, String token, String type, byte[] body) throws Exception {
        return checked("POST", path, raw.post(path, token, type, body));
    }

    private static ApiClient.Response postJson(String path, String token, JsonObject body) throws Exception {
        return requestChecked("POST", path, body, checked("POST", path, raw.postJson(path, token, body)));
    }

    private static ApiClient.Response patchJson(String path, String token, JsonObject body) throws Exception {
        return requestChecked("PATCH", path, body, checked("PATCH", path, raw.patchJson(path, token, body)));
    }

    /** A body the server took (2xx) is one the document's request schema takes too. */
    private static ApiClient.Response requestChecked(String method, String path, JsonObject body, ApiClient.Response r) {
        if (r.status() / 100 == 2) {
            assertEquals(List.of(), OpenApiContract.get().requestErrors(method, path, body.encode()),
                    method + " " + path + " was accepted (" + r.status() + ") but the document's request schema refuses "
                            + body.encode());
        }
        return r;
    }

    /** A body the server refused as malformed, which the document's request schema refuses as well. */
    private static void refusedByBoth(String path, String token, JsonObject body) throws Exception {
        error(postJson(path, token, body), 400);
        assertFalse(OpenApiContract.get().requestErrors("POST", path, body.encode()).isEmpty(),
                "the server refused it; the document's schema should too: POST " + path + " " + body.encode());
    }

    private static ApiClient.Response send(String method, String path, HttpRequest.Builder request) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(request
                .uri(java.net.URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return checked(method, path, new ApiClient.Response(r.statusCode(), r.body(), r.headers()));
    }

    private static ApiClient.Response checked(String method, String path, ApiClient.Response r) {
        OpenApiContract.assertConforms(method, path, r);
        checked.add(method + " " + path + " " + r.status());
        return r;
    }

    /** An error answer of {@code status}: its body was checked against the document's error schema. */
    private static void error(ApiClient.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertNotNull(r.json().getJsonObject("error"), r.body());
    }

    private static String token(ApiClient.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        return r.json().getString("token");
    }

    private static String submitted(ApiClient.Response r) {
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    private static JsonObject submission(String problem, String verdict) {
        var source = Sources.SUM.get("python3").get(verdict);
        return new JsonObject().put("problem", problem).put("language", "python3").put("files",
                new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
    }

    /** Polls (every answer checked) until the submission is done. */
    private static JsonObject awaitVerdict(String id, String token) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            var r = get("/api/v1/submissions/" + id, token);
            assertEquals(200, r.status(), r.body());
            if ("done".equals(r.json().getString("status"))) {
                return r.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("submission " + id + " was not judged in time");
    }
}
