package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.cpjudge.api.store.SubmissionQueue;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;

/**
 * The submissions queue for administrators (the jury desk's): {@code GET /api/v1/submissions}, newest first,
 * filtered by {@code ?contest=}, {@code ?problem=}, {@code ?handle=}, {@code ?verdict=} (a judged submission's
 * verdict) and {@code ?status=}, paged with {@code ?limit=&offset=} ({@code X-Total-Count}, {@code Link}). Anyone
 * else is refused: a contestant 403, no token or a bad one 401.
 */
public final class SubmissionQueueRoutes {

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final SubmissionQueue queue;

    public SubmissionQueueRoutes(Endpoints endpoints, Authenticator auth, SubmissionQueue queue) {
        this.endpoints = endpoints;
        this.auth = auth;
        this.queue = queue;
    }

    public void mount(Router router) {
        router.get("/api/v1/submissions").handler(endpoints.blocking(this::list));
    }

    private Reply list(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        Paging paging = Paging.of(ctx);
        String verdict = QueryParams.single(ctx, "verdict");
        String status = QueryParams.single(ctx, "status");
        SubmissionQueue.Filter filter = new SubmissionQueue.Filter(QueryParams.single(ctx, "contest"),
                QueryParams.single(ctx, "problem"), QueryParams.single(ctx, "handle"),
                verdict == null ? null : verdict(verdict), status == null ? null : status(status));
        SubmissionQueue.Page page = queue.page(filter, paging.limit(), paging.offset());
        JsonArray rows = new JsonArray();
        for (SubmissionQueue.Entry e : page.entries()) {
            rows.add(toJson(e));
        }
        return Reply.ok(paging.counted(ctx, rows, page.total()));
    }

    static JsonObject toJson(SubmissionQueue.Entry e) {
        return new JsonObject().put("id", e.id()).put("handle", e.handle()).put("problem", e.problem())
                .put("language", e.language()).put("contest", e.contest()).put("status", e.status().wire())
                .put("verdict", e.verdict() == null ? null : e.verdict().name()).put("score", e.score())
                .put("time_ms", e.timeMs()).put("memory_kb", e.memoryKb())
                .put("submitted_at", e.submittedAt().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("judgements", e.judgements());
    }

    private static Verdict verdict(String raw) {
        try {
            return Verdict.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_query", "'verdict' must be one of " + List.of(Verdict.values()));
        }
    }

    private static SubmissionStatus status(String raw) {
        try {
            return SubmissionStatus.ofWire(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_query", "'status' must be one of queued, compiling, running, done");
        }
    }

}
