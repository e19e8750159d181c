package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestFinalizer;
import org.cpjudge.api.contest.ContestService;
import org.cpjudge.api.contest.LiveScoreboards;
import org.cpjudge.api.contest.PublishedBoard;
import org.cpjudge.api.contest.Visibility;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.RatingStore;
import org.cpjudge.api.store.User;
import org.cpjudge.api.store.UserStore;

/** Creating contests (administrators), registering for them, their scoreboards, and finalizing them. */
public final class ContestRoutes {

    /** How long finalizing waits for the judging of the contest's last submissions. */
    private static final java.time.Duration PENDING_WAIT = java.time.Duration.ofSeconds(120);

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ContestStore contests;
    private final UserStore users;
    private final ContestService service;
    private final ContestFinalizer finalizer;
    private final ContestForm form;
    /** The create, patch and register bodies are checked by the OpenAPI document's schemas for them. */
    private final RequestSchemas requests;

    public ContestRoutes(Endpoints endpoints, Authenticator auth, ContestStore contests, ProblemStore problems,
                         UserStore users, ContestService service, ContestFinalizer finalizer,
                         RequestSchemas requests) {
        this.requests = requests;
        this.endpoints = endpoints;
        this.auth = auth;
        this.contests = contests;
        this.users = users;
        this.service = service;
        this.finalizer = finalizer;
        this.form = new ContestForm(problems);
    }

    public void mount(Router router) {
        router.post("/api/v1/contests").handler(RequestBodies.upTo(64 * 1024))
                .handler(endpoints.blocking(this::create));
        router.get("/api/v1/contests").handler(endpoints.blocking(ctx -> {
            Paging paging = Paging.of(ctx);
            return Reply.ok(paging.page(ctx, service.list(Instant.now(), auth.viewer(ctx).administrator())));
        }));
        router.get("/api/v1/contests/:id").handler(endpoints.blocking(this::show));
        router.patch("/api/v1/contests/:id").handler(RequestBodies.upTo(64 * 1024))
                .handler(endpoints.blocking(this::patch));
        router.post("/api/v1/contests/:id/register").handler(RequestBodies.upTo(16 * 1024))
                .handler(endpoints.blocking(this::register));
        router.post("/api/v1/contests/:id/unfreeze").handler(endpoints.blocking(this::unfreeze));
        router.get("/api/v1/contests/:id/scoreboard").handler(endpoints.blocking(this::scoreboard));
        router.post("/api/v1/contests/:id/finalize").handler(endpoints.blocking(this::finalizeContest));
    }

    private Reply create(RoutingContext ctx) throws Exception {
        User admin = auth.administrator(ctx);
        JsonObject body = JsonBodies.object(ctx);
        requests.check("post", "/api/v1/contests", body);
        Contest contest = form.create(body);
        if (!contests.create(contest, admin.id())) {
            throw new ApiException(409, "contest_exists", "a contest with the id '" + contest.id() + "' exists");
        }
        return Reply.created(contest.toJson(Instant.now(), true));
    }

    /** Any field of the create body, until the contest starts; afterwards its rules are what contestants saw. */
    private Reply patch(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        JsonObject body = JsonBodies.object(ctx);
        requests.check("patch", "/api/v1/contests/{id}", body);
        String id = ctx.pathParam("id");
        Contest current = contests.find(id).orElseThrow(() -> notFound(id));
        Contest edited = form.patch(current, body);
        ContestStore.Edit edit = contests.update(edited, Instant.now()).orElseThrow(() -> notFound(id));
        if (!edit.applied()) {
            throw new ApiException(409, "contest_started", "contest '" + id + "' has started; it can no longer be edited");
        }
        return Reply.ok(edit.contest().toJson(Instant.now(), true));
    }

    private Reply show(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        return Reply.ok(service.contest(id, Instant.now(), auth.viewer(ctx).administrator())
                .orElseThrow(() -> notFound(id)));
    }

    /**
     * A contestant registers themselves (a private contest needs its {@code invitation_code}); an administrator
     * may register anyone by {@code handle}, also outside the registration window. {@code display_name} and
     * {@code affiliation} are what the board shows beside the handle.
     */
    private Reply register(RoutingContext ctx) throws Exception {
        User caller = auth.user(ctx);
        JsonObject body = JsonBodies.objectOrEmpty(ctx);
        requests.check("post", "/api/v1/contests/{id}/register", body);
        String id = ctx.pathParam("id");
        Contest contest = contests.find(id).orElseThrow(() -> notFound(id));
        String handle = body.getString("handle");
        User who = caller;
        Instant now = Instant.now();
        if (handle == null && caller.isAdmin()) {
            throw ApiException.badRequest("missing_field", "an administrator registers a contestant by 'handle'");
        }
        if (handle != null && !handle.equals(caller.handle())) {
            if (!caller.isAdmin()) {
                throw new ApiException(403, "forbidden", "only an administrator may register someone else");
            }
            who = users.byHandle(handle).orElseThrow(() ->
                    ApiException.notFound("user_not_found", "no user has the handle '" + handle + "'"));
        }
        if (contest.overAt(now)) {
            throw new ApiException(409, "contest_over", "contest '" + id + "' is over; registration is closed");
        }
        if (!caller.isAdmin()) {
            if (!contest.registrationOpenAt(now)) {
                Instant opens = contest.admission().registrationOpens();
                Instant closes = contest.admission().registrationCloses();
                throw new ApiException(409, "registration_closed", "registration for contest '" + id + "' is open "
                        + (opens == null ? "" : "from " + opens + " ") + "until " + (closes == null ? contest.end() : closes));
            }
            if (contest.admission().visibility() == Visibility.PRIVATE) {
                String code = body.getString("invitation_code");
                String expected = contest.admission().invitationCode();
                if (expected == null || code == null || !java.security.MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8))) {
                    throw new ApiException(403, "invitation_required", "contest '" + id
                            + "' is private: register with its 'invitation_code', or ask an administrator");
                }
            }
        }
        String displayName = shortText(body, "display_name");
        String affiliation = shortText(body, "affiliation");
        boolean added = contests.register(id, who.id(), displayName, affiliation);
        JsonObject answer = new JsonObject().put("contest", id).put("handle", who.handle()).put("registered", true);
        return added ? Reply.created(answer) : Reply.ok(answer);
    }

    /** A board text the schema bounded (1 to 200 characters), not blank. */
    private static String shortText(JsonObject body, String field) {
        String text = body.getString(field);
        if (text != null && text.isBlank()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must not be blank");
        }
        return text;
    }

    /** Lifts the freeze before finalizing: the public board shows every result from now on. */
    private Reply unfreeze(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        String id = ctx.pathParam("id");
        Contest contest = contests.find(id).orElseThrow(() -> notFound(id));
        Instant now = Instant.now();
        // lifting a freeze that has not begun would switch it off: the last minutes' verdicts would go public
        if (contest.unfrozenAt() == null && contest.finalizedAt() == null
                && (contest.freezeMinutes() == 0 || now.isBefore(contest.freezeStart()))) {
            throw new ApiException(409, "not_frozen", contest.freezeMinutes() == 0
                    ? "contest '" + id + "' has no freeze"
                    : "contest '" + id + "' is not frozen yet; its freeze starts at " + contest.freezeStart());
        }
        boolean changed = contests.unfreeze(id, now);
        return Reply.ok(new JsonObject().put("contest", id).put("frozen", false).put("already_unfrozen", !changed));
    }

    /**
     * The board from memory (see LiveScoreboards). Without paging parameters: the whole board. {@code page}
     * (from 1) and {@code per_page} (default {@value PublishedBoard#DEFAULT_PER_PAGE}, at most
     * {@value PublishedBoard#MAX_PER_PAGE}) give one page; {@code around=HANDLE} the page holding that
     * contestant. {@code view=jury} (administrators) reads the live board behind the freeze. Each answer has
     * an ETag (contest, version, view, page); {@code If-None-Match} with it answers 304.
     */
    private Reply scoreboard(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        LiveScoreboards.View view = LiveScoreboards.View.PUBLIC;
        String asked = ctx.request().getParam("view");
        if (asked != null && !asked.equals("public")) {
            if (!asked.equals("jury")) {
                throw ApiException.badRequest("invalid_view", "'view' must be 'public' or 'jury'");
            }
            auth.administrator(ctx);
            view = LiveScoreboards.View.JURY;
        }
        PublishedBoard board = service.board(id, view).orElseThrow(() -> notFound(id));
        String pageParam = ctx.request().getParam("page");
        String perPageParam = ctx.request().getParam("per_page");
        String around = ctx.request().getParam("around");
        PublishedBoard.Encoded body;
        if (pageParam == null && perPageParam == null && around == null) {
            body = board.whole();
        } else {
            int perPage = positive(perPageParam, "per_page", PublishedBoard.DEFAULT_PER_PAGE);
            if (perPage > PublishedBoard.MAX_PER_PAGE) {
                throw ApiException.badRequest("invalid_field", "'per_page' is at most " + PublishedBoard.MAX_PER_PAGE
                        + "; without paging parameters the whole board is served");
            }
            int page = positive(pageParam, "page", 1);
            if (around != null) {
                page = board.pageOf(around, perPage).orElseThrow(() -> ApiException.notFound("contestant_not_found",
                        "'" + around + "' is not on the board of contest '" + id + "'"));
            }
            body = board.page(page, perPage);
        }
        String accepts = ctx.request().getHeader("Accept-Encoding");
        io.vertx.core.buffer.Buffer gzipped = accepts != null && accepts.contains("gzip") ? body.gzipped() : null;
        String etag = gzipped != null ? body.gzipEtag() : body.etag();
        ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", "no-cache").putHeader("Vary", "Accept-Encoding");
        String known = ctx.request().getHeader("If-None-Match");
        if (known != null && matches(known, etag)) {
            return new Reply(304, io.vertx.core.buffer.Buffer.buffer());
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8");
        if (gzipped != null) {
            ctx.response().putHeader("Content-Encoding", "gzip");
            return new Reply(200, gzipped);
        }
        return new Reply(200, body.body());
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static int positive(String value, String name, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_field", "'" + name + "' must be a whole number of at least 1");
    }

    private Reply finalizeContest(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        String id = ctx.pathParam("id");
        ContestFinalizer.Outcome outcome = finalizer.finalizeContest(id, Instant.now()).orElseThrow(() -> notFound(id));
        // The first call ended the contest; its last submissions are usually judged within seconds, so wait for
        // them rather than make every caller retry.
        long deadline = System.nanoTime() + PENDING_WAIT.toNanos();
        while (outcome.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            outcome = finalizer.finalizeContest(id, Instant.now()).orElseThrow(() -> notFound(id));
        }
        if (outcome.pending() > 0) {
            throw new ApiException(409, "judging_pending", "contest '" + id + "' has ended, but " + outcome.pending()
                    + " of its submissions are still being judged; finalize again once they are done");
        }
        JsonArray changes = new JsonArray();
        for (Map.Entry<String, RatingStore.HistoryEntry> e : outcome.changes()) {
            RatingStore.HistoryEntry h = e.getValue();
            changes.add(new JsonObject().put("handle", e.getKey()).put("rank", h.rank()).put("old_rating", h.oldRating())
                    .put("new_rating", h.newRating()).put("delta", h.delta()));
        }
        JsonArray unofficial = new JsonArray();
        for (ContestFinalizer.Unofficial u : outcome.unofficial()) {
            unofficial.add(new JsonObject().put("handle", u.handle()).put("place", u.place())
                    .put("performance_rating", u.performanceRating()));
        }
        return Reply.ok(new JsonObject().put("contest", id).put("finalized", true)
                .put("already_finalized", outcome.alreadyFinalized()).put("rated", outcome.contest().rated())
                .put("rating_changes", changes).put("unofficial", unofficial));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("contest_not_found", "no contest has the id '" + id + "'");
    }
}
