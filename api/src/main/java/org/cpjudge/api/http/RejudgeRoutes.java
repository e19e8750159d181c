package org.cpjudge.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.queue.Rejudge;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.api.store.SubmissionView;

/**
 * Rejudging, for administrators: one submission, or a contest's (all, or one problem's with
 * {@code {"problem": ID}}). Answers 202 {@code {"submissions": N}} with N the submissions put back in the queue.
 * A finalized rated contest's ratings were computed from the verdicts a rejudge would replace, so such a rejudge
 * is refused (409) with what it would do, unless the body says {@code "force": true}.
 */
public final class RejudgeRoutes {

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ContestStore contests;
    private final SubmissionStore submissions;
    private final Rejudge rejudge;
    /** The body's fields are checked by the OpenAPI document's schema for it. */
    private final RequestSchemas requests;

    public RejudgeRoutes(Endpoints endpoints, Authenticator auth, ContestStore contests, SubmissionStore submissions,
                         Rejudge rejudge, RequestSchemas requests) {
        this.requests = requests;
        this.endpoints = endpoints;
        this.auth = auth;
        this.contests = contests;
        this.submissions = submissions;
        this.rejudge = rejudge;
    }

    public void mount(Router router) {
        router.post("/api/v1/submissions/:id/rejudge").handler(RequestBodies.upTo(4096))
                .handler(endpoints.blocking(this::submission));
        router.post("/api/v1/contests/:id/rejudge").handler(RequestBodies.upTo(4096))
                .handler(endpoints.blocking(this::contest));
    }

    private Reply submission(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        JsonObject body = JsonBodies.objectOrEmpty(ctx);
        requests.check("post", "/api/v1/submissions/{id}/rejudge", body);
        boolean force = Boolean.TRUE.equals(body.getBoolean("force"));
        String raw = ctx.pathParam("id");
        Optional<UUID> id = parse(raw);
        Optional<SubmissionView> found = id.isEmpty() ? Optional.empty() : submissions.find(id.get());
        SubmissionView s = found
                .orElseThrow(() -> ApiException.notFound("submission_not_found", "no submission has the id '" + raw + "'"));
        Optional<Contest> contest = s.contest() == null ? Optional.empty() : contests.find(s.contest());
        Rejudge.Outcome outcome = rejudge.submission(id.get(), guarded(contest, force));
        return reply(outcome, contest);
    }

    private Reply contest(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        JsonObject body = JsonBodies.objectOrEmpty(ctx);
        requests.check("post", "/api/v1/contests/{id}/rejudge", body);
        boolean force = Boolean.TRUE.equals(body.getBoolean("force"));
        String problem = body.getString("problem");
        String id = ctx.pathParam("id");
        Contest contest = contests.find(id)
                .orElseThrow(() -> ApiException.notFound("contest_not_found", "no contest has the id '" + id + "'"));
        if (problem != null && !contest.includes(problem)) {
            throw ApiException.badRequest("problem_not_in_contest",
                    "problem '" + problem + "' is not part of contest '" + id + "'");
        }
        Rejudge.Outcome outcome = rejudge.contest(id, problem, guarded(Optional.of(contest), force));
        return reply(outcome, Optional.of(contest));
    }

    /** Whether the rejudge must be refused: the contest's ratings were applied from the verdicts it replaces. */
    private static boolean guarded(Optional<Contest> contest, boolean force) {
        return !force && contest.map(c -> c.finalized() && c.rated()).orElse(false);
    }

    private static Reply reply(Rejudge.Outcome outcome, Optional<Contest> contest) {
        if (outcome.refused()) {
            throw new ApiException(409, "contest_finalized", "contest '" + contest.orElseThrow().id()
                    + "' is finalized and rated: this rejudge would put " + outcome.rejudged()
                    + " submission(s) back in the queue (" + outcome.alreadyQueued() + " more are queued already),"
                    + " and the board would follow the new verdicts, but the rating changes already applied are not"
                    + " recomputed. Send {\"force\": true} to rejudge anyway.");
        }
        return Reply.accepted(new JsonObject().put("submissions", outcome.rejudged())
                .put("already_queued", outcome.alreadyQueued()));
    }

    private static Optional<UUID> parse(String raw) {
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
