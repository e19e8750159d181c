package org.cpjudge.api.clics;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.http.ApiException;
import org.cpjudge.api.db.DatabaseOutage;
import org.cpjudge.api.http.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICPC Contest API (CLICS, ccs-specs 2023-06), read-only, under {@code /clics}: the API information, the
 * contests, each contest's endpoints and objects, a submission's files, and the NDJSON event feed. Who reads
 * decides what is shown ({@link Audience}): no token is the public, an administrator's token sees everything,
 * an unknown token is refused (401).
 *
 * <p>Errors carry the specification's {@code {"code": status, "message"}} beside our usual {@code "error"} object.
 */
public final class ClicsRoutes {

    public static final String BASE = "/clics";
    static final String VERSION = "2023-06";
    static final String VERSION_URL = "https://ccs-specs.icpc.io/2023-06/contest_api";

    /** Endpoints that need the contest alone, not its teams, submissions and the rest. */
    private static final Set<String> CONTEST_ONLY = Set.of("state", "access", "judgement-types", "groups");
    private static final Logger log = LoggerFactory.getLogger(ClicsRoutes.class);
    private static final long POLL_MILLIS = 1000;
    /** The specification wants a newline at least every 120 s on an idle feed. */
    private static final long KEEPALIVE_MILLIS = 60_000;

    @FunctionalInterface
    private interface Blocking {
        Object handle(RoutingContext ctx) throws Exception;
    }

    private final Vertx vertx;
    private final Authenticator auth;
    private final ClicsStore store;

    public ClicsRoutes(Vertx vertx, Authenticator auth, ClicsStore store) {
        this.vertx = vertx;
        this.auth = auth;
        this.store = store;
    }

    public void mount(Router router) {
        // the specification asks servers to allow cross-origin reads (browser scoreboards)
        router.route(BASE + "*").handler(ctx -> {
            ctx.response().putHeader("Access-Control-Allow-Origin", "*");
            ctx.next();
        });
        router.get(BASE).handler(json(ctx -> apiInformation()));
        router.get(BASE + "/").handler(json(ctx -> apiInformation()));
        router.get(BASE + "/contests").handler(json(this::contests));
        router.get(BASE + "/contests/:cid").handler(json(ctx -> {
            audience(ctx);
            return ClicsView.contestJson(contest(ctx.pathParam("cid")));
        }));
        router.get(BASE + "/contests/:cid/event-feed").handler(this::eventFeed);
        router.get(BASE + "/contests/:cid/submissions/:sid/files").handler(this::files);
        router.get(BASE + "/contests/:cid/scoreboard").handler(json(ctx -> {
            String group = ctx.request().getParam("group_id");
            ClicsView view = view(ctx);
            if (group == null) {
                return view.scoreboard();
            }
            return view.groupScoreboard(group).orElseThrow(() -> ApiException.badRequest("invalid_group",
                    "no group has the id '" + group + "'"));
        }));
        router.get(BASE + "/contests/:cid/:endpoint").handler(json(ctx -> {
            String endpoint = ctx.pathParam("endpoint");
            Audience audience = audience(ctx);
            Object answer = view(ctx.pathParam("cid"), audience, !CONTEST_ONLY.contains(endpoint)).endpoint(endpoint)
                    .orElseThrow(() -> noEndpoint(ctx));
            return answer instanceof JsonArray list ? filtered(list, ctx) : answer;
        }));
        router.get(BASE + "/contests/:cid/:endpoint/:oid").handler(json(ctx -> {
            String endpoint = ctx.pathParam("endpoint");
            if (!ClicsView.COLLECTIONS.contains(endpoint)) {
                throw noEndpoint(ctx);
            }
            String id = ctx.pathParam("oid");
            return view(ctx).object(endpoint, id).orElseThrow(() -> ApiException.notFound("not_found",
                    "no " + endpoint + " object has the id '" + id + "'"));
        }));
    }

    /**
     * The specification's filtering of collections: {@code ?property=value} keeps the objects whose property has
     * that value ({@code ?property=} those where it is null); several properties must all match.
     */
    private static JsonArray filtered(JsonArray list, RoutingContext ctx) {
        var params = ctx.queryParams();
        if (params.isEmpty()) {
            return list;
        }
        JsonArray kept = new JsonArray();
        for (Object o : list) {
            JsonObject item = (JsonObject) o;
            boolean matches = true;
            for (String name : params.names()) {
                String wanted = params.get(name);
                Object value = item.getValue(name);
                matches &= wanted.isEmpty() ? value == null : value != null && wanted.equals(String.valueOf(value));
            }
            if (matches) {
                kept.add(item);
            }
        }
        return kept;
    }

    private static JsonObject apiInformation() {
        Package p = ClicsRoutes.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return new JsonObject().put("version", VERSION).put("version_url", VERSION_URL)
                .put("provider", new JsonObject().put("name", "cpjudge").put("version", version));
    }

    private JsonArray contests(RoutingContext ctx) throws Exception {
        audience(ctx);
        JsonArray list = new JsonArray();
        store.contests().forEach(c -> list.add(ClicsView.contestJson(c)));
        return list;
    }

    /** No token: the public; a token: it must be known (401 otherwise), and an administrator's sees everything. */
    private Audience audience(RoutingContext ctx) throws Exception {
        return auth.viewer(ctx).administrator() ? Audience.ADMINISTRATOR : Audience.PUBLIC;
    }

    /** Our contest whose CLICS id is {@code cid} (our id itself, unless it is too long for an ID). */
    private Contest contest(String cid) throws Exception {
        return store.contest(cid).orElseThrow(() -> ApiException.notFound("contest_not_found", "no contest has the id '" + cid + "'"));
    }

    private ClicsView view(RoutingContext ctx) throws Exception {
        Audience audience = audience(ctx);
        return view(ctx.pathParam("cid"), audience);
    }

    private ClicsView view(String cid, Audience audience) throws Exception {
        return view(cid, audience, true);
    }

    private ClicsView view(String cid, Audience audience, boolean rows) throws Exception {
        Contest contest = contest(cid);
        ContestData data = store.load(contest.id(), rows).orElseThrow(() ->
                ApiException.notFound("contest_not_found", "no contest has the id '" + cid + "'"));
        return new ClicsView(data, audience, Instant.now());
    }

    private static ApiException noEndpoint(RoutingContext ctx) {
        return ApiException.notFound("not_found", "no such endpoint: GET " + ctx.request().path());
    }

    // ---- a submission's files, as the one zip archive the specification asks for

    private void files(RoutingContext ctx) {
        vertx.<byte[]>executeBlocking(() -> {
            ClicsView view = view(ctx);
            String sid = ctx.pathParam("sid");
            if (!view.audience().seesSources(view.contest(), Instant.now())) {
                throw new ApiException(403, "forbidden", "only administrators read the sources of this contest");
            }
            boolean counted = view.countedSubmissions().stream().anyMatch(s -> ClicsIds.submission(s.id()).equals(sid));
            UUID id = counted ? UUID.fromString(sid) : null;
            JsonArray files = id == null ? null : store.files(view.contest().id(), id).orElse(null);
            if (files == null) {
                throw ApiException.notFound("not_found", "no submission has the id '" + sid + "'");
            }
            return zip(files);
        }, false).onComplete(r -> {
            if (r.failed()) {
                fail(ctx, r.cause());
            } else {
                ctx.response().putHeader("Content-Type", "application/zip").end(Buffer.buffer(r.result()));
            }
        });
    }

    private static byte[] zip(JsonArray files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Object o : files) {
                JsonObject f = (JsonObject) o;
                zip.putNextEntry(new ZipEntry(f.getString("name")));
                zip.write(f.getString("content", "").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    // ---- the event feed

    /**
     * {@code ?stream=false} sends the events there are and ends; otherwise the feed stays open, polling for new
     * events, until the contest has no more updates (end_of_updates sent) or the client leaves.
     * {@code ?since_token=} starts after that event; a token this server did not hand out is a 400.
     */
    private void eventFeed(RoutingContext ctx) {
        boolean stream = !"false".equalsIgnoreCase(ctx.request().getParam("stream"));
        String sinceText = ctx.request().getParam("since_token");
        Optional<FeedToken> since = sinceText == null ? Optional.empty() : FeedToken.parse(sinceText);
        if (sinceText != null && since.isEmpty()) {
            error(ctx, new ApiException(400, "invalid_token", "since_token '" + sinceText + "' is not a token of this feed"));
            return;
        }
        String cid = ctx.pathParam("cid");
        vertx.<Batch>executeBlocking(() -> {
            Audience audience = audience(ctx);
            return batch(cid, audience, since.orElse(null));
        }, false).onComplete(r -> {
            if (r.failed()) {
                fail(ctx, r.cause());
                return;
            }
            new Subscriber(ctx.response(), cid, r.result(), since.orElse(null)).start(stream);
        });
    }

    /** One build of a feed's events; {@code fingerprint} that of the data it was built from. */
    private record Batch(Audience audience, List<EventFeed.Event> events, boolean complete, String fingerprint,
                         Contest contest) {
    }

    private Batch batch(String cid, Audience audience, FeedToken since) throws Exception {
        String contestId = contest(cid).id();
        String fingerprint = store.fingerprint(contestId); // read first: a change after it shows in the next one
        ClicsView view = view(cid, audience);
        return new Batch(audience, EventFeed.after(view, since), EventFeed.complete(view), fingerprint, view.contest());
    }

    /** One open feed: the events it sent (an event's token names it), and its timer. */
    private final class Subscriber {
        private final HttpServerResponse response;
        private final String cid;
        private final Audience audience;
        private final FeedToken since;
        private final Set<FeedToken> sent = new HashSet<>();
        private final FeedRefresh refresh = new FeedRefresh();
        private final String contestId;
        private Batch first;
        private long timer = -1;
        private long lastWriteAt;
        private boolean polling;
        private boolean closed;

        Subscriber(HttpServerResponse response, String cid, Batch first, FeedToken since) {
            this.response = response;
            this.cid = cid;
            this.audience = first.audience();
            this.first = first;
            this.since = since;
            this.contestId = first.contest().id();
            refresh.built(first.fingerprint(), first.contest(), Instant.now());
        }

        void start(boolean stream) {
            response.setChunked(true).putHeader("Content-Type", "application/x-ndjson")
                    .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
            response.closeHandler(v -> stop());
            response.exceptionHandler(e -> stop());
            send(first.events());
            boolean complete = first.complete();
            first = null;
            if (!stream || complete) {
                finish();
                return;
            }
            timer = vertx.setPeriodic(POLL_MILLIS, t -> poll());
        }

        /**
         * Sends every event not sent yet, even one placed before the last token sent (a verdict that the freeze
         * hid and that the unfreeze now shows), so a client that stays connected misses nothing.
         */
        private void poll() {
            if (closed || polling) {
                return;
            }
            polling = true;
            vertx.<Optional<Batch>>executeBlocking(() -> {
                Instant now = Instant.now();
                if (!refresh.due(store.fingerprint(contestId), now)) {
                    return Optional.empty();
                }
                Batch b = batch(cid, audience, since);
                refresh.built(b.fingerprint(), b.contest(), now);
                return Optional.of(b);
            }, false).onComplete(r -> {
                polling = false;
                if (closed) {
                    return;
                }
                if (r.failed()) {
                    log.warn("event feed of contest {} failed; closing it", cid, r.cause());
                    finish();
                    return;
                }
                if (r.result().isPresent()) {
                    send(r.result().get().events());
                }
                if (r.result().isPresent() && r.result().get().complete()) {
                    finish();
                } else if (System.currentTimeMillis() - lastWriteAt >= KEEPALIVE_MILLIS) {
                    write("\n");
                }
            });
        }

        private void send(List<EventFeed.Event> events) {
            StringBuilder chunk = new StringBuilder();
            for (EventFeed.Event e : events) {
                if (sent.add(e.token())) {
                    chunk.append(e.line()).append('\n');
                }
            }
            if (!chunk.isEmpty()) {
                write(chunk.toString());
            }
        }

        private void write(String text) {
            if (!closed && !response.closed()) {
                lastWriteAt = System.currentTimeMillis();
                response.write(text);
            }
        }

        private void finish() {
            stop();
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }

        private void stop() {
            if (!closed) {
                closed = true;
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            }
        }
    }

    // ---- answers and errors

    private io.vertx.core.Handler<RoutingContext> json(Blocking endpoint) {
        return ctx -> vertx.executeBlocking(() -> endpoint.handle(ctx), false).onComplete(r -> {
            if (r.failed()) {
                fail(ctx, r.cause());
            } else if (!ctx.response().ended()) {
                ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(String.valueOf(r.result()));
            }
        });
    }

    private static void fail(RoutingContext ctx, Throwable cause) {
        if (cause instanceof ApiException e) {
            error(ctx, e);
        } else if (DatabaseOutage.causedBy(cause)) {
            DatabaseOutage.report(ctx.request().method() + " " + ctx.request().path(), cause);
            if (!ctx.response().ended()) {
                ctx.response().putHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            }
            error(ctx, new ApiException(503, "database_unavailable", "the database is unavailable; retry in a few seconds"));
        } else {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
            error(ctx, new ApiException(500, "internal_error", "the server failed to handle this request; it has been logged"));
        }
    }

    private static void error(RoutingContext ctx, ApiException e) {
        if (ctx.response().ended()) {
            return;
        }
        JsonObject body = new JsonObject().put("code", e.status()).put("message", e.getMessage())
                .put("error", new JsonObject().put("code", e.code()).put("message", e.getMessage()));
        ctx.response().setStatusCode(e.status()).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
