package org.cpjudge.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Instant;
import org.cpjudge.api.contest.Clarification;
import org.cpjudge.api.access.ClarificationAccess;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.store.ClarificationStore;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.User;
import org.cpjudge.api.web.ClarificationFeed;
import org.cpjudge.api.web.ClarificationStream;

/**
 * A contest's clarifications: contestants ask, the jury answers (privately to the asker or to everyone) and
 * announces. When: a registered contestant may ask from registering until the contest is over (questions about
 * the rules before the start are common and welcome); the jury answers and announces at any time, also after
 * the contest. Who reads what is {@link ClarificationAccess}'s rule.
 */
public final class ClarificationRoutes {

    /** A comment line this often keeps an idle event stream open through proxies. */
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ContestStore contests;
    private final ClarificationStore store;
    private final ClarificationStream stream;
    /** The posted body is checked by the OpenAPI document's schema for it. */
    private final RequestSchemas requests;

    public ClarificationRoutes(Endpoints endpoints, Authenticator auth, ContestStore contests,
                               ClarificationStore store, ClarificationStream stream, RequestSchemas requests) {
        this.requests = requests;
        this.endpoints = endpoints;
        this.auth = auth;
        this.contests = contests;
        this.store = store;
        this.stream = stream;
    }

    /**
     * The routes over the server's database, with this process's one listener for new clarifications (a
     * verticle, so it stops with Vert.x) feeding the event streams.
     */
    public static ClarificationRoutes over(Vertx vertx, Database db, Endpoints endpoints, Authenticator auth,
                                           ContestStore contests, RequestSchemas requests) {
        ClarificationStore store = new ClarificationStore(db);
        ClarificationFeed feed;
        try {
            feed = new ClarificationFeed(db, store, store.latestId());
        } catch (SQLException e) {
            throw new IllegalStateException("reading the newest clarification failed", e);
        }
        vertx.deployVerticle(feed);
        return new ClarificationRoutes(endpoints, auth, contests, store,
                new ClarificationStream(vertx, auth, contests, store, feed, HEARTBEAT_MILLIS), requests);
    }

    public void mount(Router router) {
        router.post("/api/v1/contests/:id/clarifications").handler(RequestBodies.upTo(128 * 1024))
                .handler(endpoints.blocking(this::post));
        router.get("/api/v1/contests/:id/clarifications").handler(endpoints.blocking(this::list));
        router.get("/api/v1/contests/:id/clarifications/stream").handler(stream::handle);
        router.get("/api/v1/contests/:id/clarifications/:cid").handler(endpoints.blocking(this::one));
    }

    /** The caller as a reader: anonymous without an Authorization header; a bad token is still refused. */
    public static Viewer reader(Authenticator auth, RoutingContext ctx) throws SQLException {
        return auth.viewer(ctx);
    }

    private Reply post(RoutingContext ctx) throws Exception {
        User caller = auth.user(ctx);
        JsonObject body = JsonBodies.object(ctx);
        // the fields' types, the text's length (text_too_long past Clarification.MAX_TEXT characters), the reply's id
        requests.check("post", "/api/v1/contests/{id}/clarifications", body);
        Contest contest = contest(ctx);
        String text = text(body);
        String problem = problem(contest, body);
        Long replyTo = replyTo(body);
        Boolean isPublic = body.getBoolean("public");
        ClarificationStore.Draft draft;
        if (caller.isAdmin()) {
            draft = replyTo != null ? answer(contest, caller, replyTo, problem, Boolean.TRUE.equals(isPublic), text)
                    : announcement(contest, caller, problem, isPublic, text);
        } else {
            draft = question(contest, caller, replyTo, problem, isPublic, text);
        }
        Clarification stored = store.insert(draft);
        Viewer reader = new Viewer(caller);
        return Reply.created(new ClarificationAccess(store.thread(contest.id(), stored.id()))
                .view(reader, stored.id()).orElseThrow());
    }

    private ClarificationStore.Draft question(Contest contest, User asker, Long replyTo, String problem,
                                              Boolean isPublic, String text) throws SQLException {
        if (replyTo != null || Boolean.TRUE.equals(isPublic)) {
            throw new ApiException(403, "jury_only", "only the jury answers questions or writes to everyone");
        }
        if (!contests.isRegistered(contest.id(), asker.id())) {
            throw new ApiException(403, "not_registered", "register for contest '" + contest.id()
                    + "' to ask the jury about it");
        }
        if (contest.overAt(Instant.now())) {
            throw new ApiException(409, "contest_over", "contest '" + contest.id() + "' is over; questions are closed");
        }
        return new ClarificationStore.Draft(contest.id(), problem, asker.id(), false, null, null, false, text);
    }

    /** A private answer goes to the asker alone; a public one makes the question readable by everyone too. */
    private ClarificationStore.Draft answer(Contest contest, User jury, long replyTo, String problem,
                                            boolean isPublic, String text) throws SQLException {
        Clarification question = store.find(contest.id(), replyTo).orElseThrow(() -> ApiException.badRequest(
                "unknown_reply_to", "contest '" + contest.id() + "' has no clarification " + replyTo));
        if (!question.isQuestion()) {
            throw ApiException.badRequest("not_a_question", "clarification " + replyTo
                    + " is the jury's own message; 'reply_to' must name a contestant's question");
        }
        return new ClarificationStore.Draft(contest.id(), problem != null ? problem : question.problemId(), jury.id(),
                true, replyTo, isPublic ? null : question.fromUserId(), isPublic, text);
    }

    private static ClarificationStore.Draft announcement(Contest contest, User jury, String problem, Boolean isPublic,
                                                         String text) {
        if (Boolean.FALSE.equals(isPublic)) {
            throw ApiException.badRequest("invalid_field", "an announcement (no 'reply_to') goes to everyone;"
                    + " to answer one contestant privately, give 'reply_to' their question's id");
        }
        return new ClarificationStore.Draft(contest.id(), problem, jury.id(), true, null, null, true, text);
    }

    private Reply list(RoutingContext ctx) throws Exception {
        Paging paging = Paging.of(ctx);
        Viewer reader = reader(auth, ctx);
        Contest contest = contest(ctx);
        return Reply.ok(paging.page(ctx,
                new JsonArray(new ClarificationAccess(store.ofContest(contest.id())).visibleTo(reader))));
    }

    /** One clarification; one the caller may not read does not exist for them. */
    private Reply one(RoutingContext ctx) throws Exception {
        Viewer reader = reader(auth, ctx);
        Contest contest = contest(ctx);
        String cid = ctx.pathParam("cid");
        ApiException missing = ApiException.notFound("clarification_not_found",
                "contest '" + contest.id() + "' has no clarification '" + cid + "'");
        long id;
        try {
            id = Long.parseLong(cid);
        } catch (NumberFormatException e) {
            throw missing;
        }
        return Reply.ok(new ClarificationAccess(store.thread(contest.id(), id)).view(reader, id)
                .orElseThrow(() -> missing));
    }

    private Contest contest(RoutingContext ctx) throws SQLException {
        String id = ctx.pathParam("id");
        return contests.find(id).orElseThrow(() ->
                ApiException.notFound("contest_not_found", "no contest has the id '" + id + "'"));
    }

    /** The text, which the schema bounded; blank is no text. */
    private static String text(JsonObject body) {
        String text = body.getString("text");
        if (text.isBlank()) {
            throw ApiException.badRequest("missing_field", "'text' is required: the question or answer itself");
        }
        return text;
    }

    private static String problem(Contest contest, JsonObject body) {
        String problem = body.getString("problem");
        if (problem != null && !contest.includes(problem)) {
            throw ApiException.badRequest("unknown_problem", "'" + problem + "' is not a problem of contest '"
                    + contest.id() + "'; its problems are " + contest.problemIds() + ", or null for a general question");
        }
        return problem;
    }

    /** The id the schema let through (a positive whole number, or its digits as text), as a long exactly. */
    private static Long replyTo(JsonObject body) {
        Object v = body.getValue("reply_to");
        if (v == null) {
            return null;
        }
        // exactly, not through longValue(): 2^64 + 1 would wrap to 1 and answer someone else's question
        if (v instanceof Number n && !(n instanceof Double d && d.isInfinite())) {
            try {
                long id = new java.math.BigDecimal(n.toString()).longValueExact();
                if (id > 0) {
                    return id;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // a fraction or beyond a long: refused below
            }
        }
        // ids travel as numbers, but tools that treat every id as a string (as CLICS does) are met halfway
        if (v instanceof String s && s.matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(s);
        }
        throw ApiException.badRequest("invalid_field", "'reply_to' must be the id of a question (a positive whole number)");
    }
}
