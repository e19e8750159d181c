package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.limits.ClientAddress;
import org.cpjudge.api.limits.Rate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server lets in, over real HTTP against a real server with tight limits: rate limits per token and per
 * address (429 with Retry-After, then let in again once the bucket refilled), bodies refused before they are read,
 * caps on event streams, and paging that walks a list exactly once. Requests that must come from an address of
 * their own are sent from another loopback address (127.0.0.0/8 is all this machine).
 */
class LimitsTest {

    private static final String ADMIN = "limits-admin-token";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        ServerConfig config = new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 1, ADMIN, false);
        config = config.withLimits(config.limits()
                .withRates(new Rate(1, 6), new Rate(20, 40), new Rate(0.5, 3), new Rate(100, 100), new Rate(0.2, 2))
                .withStreams(2, 3).withClientAddress(ClientAddress.trusting("127.0.0.3/32")));
        server = JudgeServer.start(config);
        api = new ApiClient(server.port());
        // lim-sum goes into contests (some not started, which hides it); lim-free into none, for submissions
        api.importSum(ADMIN, "lim-sum", "lim-free");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- rate limits

    @Test
    void submissionsBeyondTheBurstGet429WithRetryAfterAndAreLetInAgainOnceItPassed() throws Exception {
        String token = api.createUser(ADMIN, "lim_submitter", "human");
        for (int i = 0; i < 3; i++) {
            var accepted = submit(token, i);
            assertEquals(202, accepted.status(), "submission " + i + " is within the burst of 3: " + accepted.body());
        }
        var refused = submit(token, 3);
        assertEquals(429, refused.status(), refused.body());
        assertEquals("rate_limited", refused.json().getJsonObject("error").getString("code"));
        long retryAfter = retryAfter(refused);
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "0.5 a second: a token back within 2 s, said " + retryAfter);
        // reading is limited apart from submitting: this token may still read
        assertEquals(200, api.get("/api/v1/contests", token).status());

        Thread.sleep(retryAfter * 1000);
        var again = submit(token, 4);
        assertEquals(202, again.status(), "after Retry-After the bucket has a token again: " + again.body());
    }

    @Test
    void everyRequestOfATokenCountsAndTheAdministratorIsNeverLimited() throws Exception {
        String token = api.createUser(ADMIN, "lim_reader", "human");
        int allowed = 0;
        ApiClient.Response r;
        while ((r = api.get("/api/v1/contests", token)).status() == 200) {
            allowed++;
            assertTrue(allowed <= 20, "the token's bucket holds 6 and refills 1 a second");
        }
        assertEquals(429, r.status(), r.body());
        assertTrue(allowed >= 6, "the whole burst of 6 was let in first, got " + allowed);
        assertEquals("rate_limited", r.json().getJsonObject("error").getString("code"));
        assertNotNull(r.headers().firstValue("Retry-After").orElse(null));
        // an unknown token draws on a bucket of its own (and is refused by the endpoint, not the limit)
        assertEquals(401, api.get("/api/v1/contests", "lim-no-such-token").status());

        for (int i = 0; i < 30; i++) {
            assertEquals(200, api.get("/api/v1/contests", ADMIN).status(), "the administrator, request " + i);
        }
        Thread.sleep(retryAfter(r) * 1000);
        assertEquals(200, api.get("/api/v1/contests", token).status());
    }

    @Test
    void anAddressBeyondItsBurstGets429AndOthersDoNot() throws Exception {
        int allowed = 0;
        RawHttp.Head head;
        String body;
        while (true) {
            try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.2")) {
                head = c.request("GET", "/api/v1/languages", "Connection: close").readHead();
                body = c.readBody(head);
            }
            if (head.status() != 200) {
                break;
            }
            allowed++;
            assertTrue(allowed < 200, "the address's bucket holds 40 and refills 20 a second");
        }
        assertEquals(429, head.status(), body);
        assertTrue(allowed >= 40, "the whole burst of 40 was let in first, got " + allowed);
        assertEquals("rate_limited", new JsonObject(body).getJsonObject("error").getString("code"));
        long retryAfter = Long.parseLong(head.header("Retry-After"));
        assertEquals(1, retryAfter, "20 a second: a token back within 1 s");
        // another address is not held back by this one; probes are never limited
        assertEquals(200, api.get("/api/v1/languages", null).status());
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.2")) {
            assertEquals(200, c.request("GET", "/health/live", "Connection: close").readHead().status());
        }
        Thread.sleep(retryAfter * 1000);
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.2")) {
            assertEquals(200, c.request("GET", "/api/v1/languages", "Connection: close").readHead().status());
        }
    }

    /** Requests of the languages list from {@code peer}, each forwarded for the address {@code forwardedFor} gives, until one is refused. */
    private int requestsUntilRefused(String peer, java.util.function.IntFunction<String> forwardedFor) throws Exception {
        for (int n = 0; n < 200; n++) {
            try (RawHttp c = RawHttp.connect(server.port(), peer)) {
                RawHttp.Head head = c.request("GET", "/api/v1/languages", "Connection: close",
                        "X-Forwarded-For: " + forwardedFor.apply(n)).readHead();
                if (head.status() == 429) {
                    return n;
                }
                assertEquals(200, head.status());
            }
        }
        throw new AssertionError("never limited");
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBucketAndElsewhereTheHeaderIsIgnored() throws Exception {
        // 127.0.0.3 is the trusted proxy: the client it forwards for is the one counted
        int first = requestsUntilRefused("127.0.0.3", n -> "203.0.113.1");
        assertTrue(first >= 40, "203.0.113.1's burst of 40, got " + first);
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.3")) {
            assertEquals(200, c.request("GET", "/api/v1/languages", "Connection: close",
                    "X-Forwarded-For: 203.0.113.2").readHead().status(), "another client behind the same proxy");
        }
        // 127.0.0.4 is no proxy of ours: a new X-Forwarded-For on every request does not make it a new client
        int spoofed = requestsUntilRefused("127.0.0.4", n -> "198.51.100." + (n % 250 + 1));
        assertTrue(spoofed >= 40 && spoofed < 100, "one bucket for the peer, got " + spoofed);
    }

    // ---- bodies

    @Test
    void aNonAdministratorsHugeUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        String token = api.createUser(ADMIN, "lim_uploader", "human");
        long declared = 256L * 1024 * 1024;
        for (String auth : new String[] {"Authorization: Bearer " + token, null}) {
            try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.3")) {
                List<String> headers = new ArrayList<>(List.of("Content-Type: application/zip",
                        "Content-Length: " + declared));
                if (auth != null) {
                    headers.add(auth);
                }
                c.request("POST", "/api/v1/problems?id=lim-evil", headers.toArray(String[]::new));
                byte[] sent = new byte[64 * 1024];
                c.write(sent);
                // the answer comes while 256 MiB minus 64 KiB of the body are still unsent
                RawHttp.Head head = c.readHead();
                String body = c.readBody(head);
                assertEquals(auth == null ? 401 : 403, head.status(), body);
                assertEquals(auth == null ? "unauthenticated" : "forbidden",
                        new JsonObject(body).getJsonObject("error").getString("code"));
                assertEquals("close", head.header("Connection"));
                assertTrue(c.closedByServerWithin(5000), "the server hangs up instead of reading the rest");
            }
        }
        // a small refused body is read and dropped instead: a client that sends all before it reads (the JDK's)
        // gets its answer, not a hang
        var small = api.post("/api/v1/problems?id=lim-evil", token, "application/zip", new byte[200_000]);
        assertEquals(403, small.status(), small.body());
        // so is one over the JSON limit, which waits paused while the caller is looked up: resumed to be drained
        // (left paused it hung; closed at once, a client still sending lost its answer to a broken pipe)
        var middle = api.post("/api/v1/problems?id=lim-evil", token, "application/zip", new byte[3 * 1024 * 1024]);
        assertEquals(403, middle.status(), middle.body());
        assertEquals(404, api.get("/api/v1/problems/lim-evil", ADMIN).status());
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAuthenticationAndBeforeABodyByte() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.3")) {
            c.request("POST", "/api/v1/problems", "Authorization: Bearer " + ADMIN, "Content-Type: application/zip",
                    "Content-Length: " + (300L * 1024 * 1024));
            RawHttp.Head head = c.readHead();
            assertEquals(413, head.status());
            assertEquals("payload_too_large", new JsonObject(c.readBody(head)).getJsonObject("error").getString("code"));
            assertTrue(c.closedByServerWithin(5000));
        }
        // no token at all: the length is judged first, so the answer is 413, not 401
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.3")) {
            c.request("POST", "/api/v1/submissions", "Content-Type: application/json",
                    "Content-Length: " + (2 * 1024 * 1024));
            RawHttp.Head head = c.readHead();
            assertEquals(413, head.status());
            assertEquals("payload_too_large", new JsonObject(c.readBody(head)).getJsonObject("error").getString("code"));
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWith413() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.3")) {
            c.request("POST", "/api/v1/users", "Authorization: Bearer " + ADMIN, "Content-Type: application/json",
                    "Transfer-Encoding: chunked");
            byte[] chunk = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 8; i++) { // 128 KiB against the 64 KiB of a new user's body
                c.write(("4000\r\n").getBytes(StandardCharsets.US_ASCII));
                c.write(chunk);
                c.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            c.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Head head = c.readHead();
            assertEquals(413, head.status());
            assertEquals("payload_too_large", new JsonObject(c.readBody(head)).getJsonObject("error").getString("code"));
        }
    }

    // ---- event streams

    @Test
    void streamsAreCappedPerAddressAndInTotalAndAGoneClientGivesItsSlotBack() throws Exception {
        String contest = "lim-live";
        var created = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", contest).put("name", "Live")
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                .put("scoring", "icpc").put("problems", new JsonArray().add("lim-sum")).put("freeze_minutes", 0)
                .put("rated", false));
        assertEquals(201, created.status(), created.body());
        String path = "/api/v1/contests/" + contest + "/scoreboard/stream";

        // a stream for no contest ends at once (404) and holds no slot
        for (int i = 0; i < 5; i++) {
            try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.4")) {
                assertEquals(404, c.request("GET", "/api/v1/contests/lim-none/scoreboard/stream").readHead().status());
            }
        }
        RawHttp first = openStream("127.0.0.4", path);
        RawHttp second = openStream("127.0.0.4", path);
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.4")) {
            RawHttp.Head head = c.request("GET", path).readHead();
            assertEquals(429, head.status(), "two streams per address");
            assertEquals("too_many_streams", new JsonObject(c.readBody(head)).getJsonObject("error").getString("code"));
            assertNotNull(head.header("Retry-After"));
        }
        RawHttp third = openStream("127.0.0.5", path);
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.6")) {
            RawHttp.Head head = c.request("GET", path).readHead();
            assertEquals(503, head.status(), "three streams in all");
            assertEquals("stream_capacity", new JsonObject(c.readBody(head)).getJsonObject("error").getString("code"));
            assertNotNull(head.header("Retry-After"));
        }

        first.close(); // the client goes away: its slot comes back, for its address and in all
        RawHttp again = awaitStream("127.0.0.6", path);
        RawHttp mine = null;
        try (RawHttp c = RawHttp.connect(server.port(), "127.0.0.4")) {
            assertEquals(503, c.request("GET", path).readHead().status(), "the freed slot was taken by .6");
        }
        again.close();
        mine = awaitStream("127.0.0.4", path);
        for (RawHttp r : List.of(second, third, mine)) {
            r.close();
        }
    }

    private static RawHttp openStream(String from, String path) throws Exception {
        RawHttp c = RawHttp.connect(server.port(), from);
        RawHttp.Head head = c.request("GET", path).readHead();
        assertEquals(200, head.status(), "a stream from " + from);
        assertTrue(head.header("Content-Type").startsWith("text/event-stream"));
        return c;
    }

    /** Opens a stream once a slot is free again: a gone client's slot comes back within a few seconds. */
    private static RawHttp awaitStream(String from, String path) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            RawHttp c = RawHttp.connect(server.port(), from);
            RawHttp.Head head = c.request("GET", path).readHead();
            if (head.status() == 200) {
                return c;
            }
            c.close();
            assertTrue(System.currentTimeMillis() < deadline, "no slot came back; last answer " + head.status());
            Thread.sleep(200);
        }
    }

    // ---- paging

    @Test
    void pagingWalksAListOfContestsExactlyOnceByItsLinkHeaders() throws Exception {
        for (int i = 0; i < 7; i++) {
            var r = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "lim-page-" + i)
                    .put("name", "Page " + i).put("start", Instant.now().plus(1 + i, ChronoUnit.DAYS).toString())
                    .put("duration_minutes", 60).put("scoring", "icpc").put("problems", new JsonArray().add("lim-sum"))
                    .put("freeze_minutes", 0).put("rated", false));
            assertEquals(201, r.status(), r.body());
        }
        var whole = api.get("/api/v1/contests?limit=1000", ADMIN);
        List<String> expected = ids(whole.array());
        assertTrue(expected.size() >= 7, expected.toString());
        assertEquals(String.valueOf(expected.size()), whole.headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(whole.headers().firstValue("Link").isEmpty(), "one page holds it all: no next");

        List<String> walked = new ArrayList<>();
        String next = "/api/v1/contests?limit=3";
        int pages = 0;
        while (next != null) {
            var page = api.get(next, ADMIN);
            assertEquals(200, page.status(), page.body());
            JsonArray items = page.array(); // still the documented array
            assertTrue(items.size() <= 3);
            walked.addAll(ids(items));
            next = page.headers().firstValue("Link").map(LimitsTest::nextOf).orElse(null);
            pages++;
            assertTrue(pages <= expected.size(), "the walk ends");
        }
        assertEquals(expected, walked, "every contest once, in order");
        assertEquals(Set.copyOf(walked).size(), walked.size());
        assertEquals((expected.size() + 2) / 3, pages);

        assertEquals(400, api.get("/api/v1/contests?limit=0", ADMIN).status());
        assertEquals(400, api.get("/api/v1/contests?limit=1001", ADMIN).status());
        var bad = api.get("/api/v1/contests?offset=-1", ADMIN);
        assertEquals("invalid_parameter", bad.json().getJsonObject("error").getString("code"));
        assertEquals(0, api.get("/api/v1/contests?offset=100000", ADMIN).array().size());
    }

    @Test
    void anObjectListNamesItsNextPageInTheBody() throws Exception {
        String contest = "lim-past";
        var created = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", contest).put("name", "Past")
                .put("start", Instant.now().minus(300, ChronoUnit.MINUTES).toString()).put("duration_minutes", 60)
                .put("scoring", "icpc").put("problems", new JsonArray().add("lim-sum")).put("freeze_minutes", 0)
                .put("rated", false));
        assertEquals(201, created.status(), created.body());
        JsonArray standings = new JsonArray();
        for (int i = 0; i < 7; i++) {
            standings.add(new JsonObject().put("handle", "ref" + i).put("rating", 1500 + i).put("rank", i + 1));
        }
        var posted = api.postJson("/api/v1/contests/" + contest + "/standings", ADMIN,
                new JsonObject().put("standings", standings));
        assertEquals(201, posted.status(), posted.body());

        List<String> walked = new ArrayList<>();
        String next = "/api/v1/contests/" + contest + "/standings?limit=2";
        Set<String> seenUrls = new HashSet<>();
        while (next != null) {
            assertTrue(seenUrls.add(next), "no page twice: " + next);
            JsonObject page = api.get(next, ADMIN).json();
            assertEquals(7, page.getInteger("total_rows"));
            page.getJsonArray("rows").forEach(r -> walked.add(((JsonObject) r).getString("handle")));
            next = page.getString("next");
        }
        assertEquals(List.of("ref0", "ref1", "ref2", "ref3", "ref4", "ref5", "ref6"), walked);
        assertNull(api.get("/api/v1/contests/" + contest + "/standings", ADMIN).json().getString("next"));
    }

    private static String nextOf(String link) {
        Matcher m = NEXT.matcher(link);
        assertTrue(m.find(), link);
        return m.group(1);
    }

    private static List<String> ids(JsonArray contests) {
        List<String> ids = new ArrayList<>();
        contests.forEach(c -> ids.add(((JsonObject) c).getString("id")));
        return ids;
    }

    private static ApiClient.Response submit(String token, int i) throws Exception {
        var source = Sources.SUM.get("python3").get("AC");
        return api.postJson("/api/v1/submissions", token, new JsonObject().put("problem", "lim-free")
                .put("language", "python3").put("files", new JsonArray().add(new JsonObject()
                        .put("name", source.file()).put("content", source.content() + "# " + i + "\n"))));
    }

    private static long retryAfter(ApiClient.Response r) {
        return Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow(() ->
                new AssertionError("no Retry-After on " + r.status())));
    }
}
