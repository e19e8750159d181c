package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.ai.CostSummary;
import org.cpjudge.api.ai.GroupReport;
import org.cpjudge.api.report.AttemptReports;
import org.cpjudge.api.store.AiReportStore;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.UserStore;

/**
 * The AI contestants' report (public): per contestant, problem and group of attempts, pass@k, whether the first
 * attempt and the consensus pick are correct, consensus@k and 10@k, and what the attempts cost. See
 * {@link GroupReport}. A {@code ?model=} filter reads the attempts whose report rows name that model.
 */
public final class AiReportRoutes {

    private final Endpoints endpoints;
    private final ProblemStore problems;
    private final UserStore users;
    private final ContestStore contests;
    private final AttemptReports reports;
    private final Authenticator auth;
    private final AccessPolicy access;

    public AiReportRoutes(Endpoints endpoints, Authenticator auth, ProblemStore problems, UserStore users,
                          ContestStore contests, AttemptReports reports, AccessPolicy access) {
        this.auth = auth;
        this.access = access;
        this.endpoints = endpoints;
        this.problems = problems;
        this.users = users;
        this.contests = contests;
        this.reports = reports;
    }

    public void mount(Router router) {
        router.get("/api/v1/ai/report").handler(endpoints.blocking(this::report));
    }

    private Reply report(RoutingContext ctx) throws Exception {
        var filter = new AiReportStore.Filter(QueryParams.single(ctx, "problem"), QueryParams.single(ctx, "handle"),
                QueryParams.single(ctx, "contest"), QueryParams.single(ctx, "model"));
        if (!filter.any()) {
            throw ApiException.badRequest("missing_filter",
                    "give at least one of 'problem', 'contest', 'handle' and 'model'");
        }
        AccessPolicy.Session session = access.session(auth.viewer(ctx), Instant.now());
        if (filter.problem() != null && (problems.find(filter.problem()).isEmpty()
                || !session.problem(filter.problem()).visible())) {
            throw ApiException.notFound("problem_not_found", "no problem has the id '" + filter.problem() + "'");
        }
        if (filter.handle() != null && users.byHandle(filter.handle()).isEmpty()) {
            throw ApiException.notFound("user_not_found", "no user has the handle '" + filter.handle() + "'");
        }
        if (filter.contest() != null && contests.find(filter.contest()).isEmpty()) {
            throw ApiException.notFound("contest_not_found", "no contest has the id '" + filter.contest() + "'");
        }
        JsonArray rows = new JsonArray();
        // only attempts whose verdicts the caller may see: a live contest's attempts are their author's alone
        List<GroupReport> reports = this.reports.groups(session, filter);
        for (GroupReport r : reports) {
            rows.add(toJson(r));
        }
        // the summary is over every row, whichever page of them this is
        return Reply.ok(Paging.of(ctx).pageField(ctx,
                new JsonObject().put("rows", rows).put("summary", toJson(CostSummary.of(reports))), "rows"));
    }


    static JsonObject toJson(GroupReport r) {
        JsonObject passAt = new JsonObject();
        for (Map.Entry<Integer, Double> e : r.passAt().entrySet()) {
            passAt.put(String.valueOf(e.getKey()), twelveDecimals(e.getValue()));
        }
        return new JsonObject().put("handle", r.handle()).put("model", r.model()).put("problem", r.problem())
                .put("group", r.group()).put("n", r.n()).put("correct", r.correct()).put("pass_at", passAt)
                .put("first_attempt_correct", r.firstAttemptCorrect()).put("consensus_correct", r.consensusCorrect())
                .put("cost_usd", r.costUsd().doubleValue()).put("tokens", wholeOrDecimal(r.tokens()))
                .put("pending", r.pending()).put("judge_errors", r.judgeErrors()).put("clusters", r.clusters())
                .put("consensus_size", r.consensusSize())
                .put("first_attempt_submission", r.firstAttemptSubmission())
                .put("consensus_submission", r.consensusSubmission())
                .put("passed_samples", r.passedSamples())
                .put("consensus_at", byK(r.consensusAt())).put("n_at_k", byK(r.nAtK()))
                .put("cost_per_solved_usd", r.costPerSolvedUsd() == null ? null : r.costPerSolvedUsd().doubleValue());
    }

    static JsonObject toJson(CostSummary s) {
        return toJson(s.total()).put("by_model", lines(s.byModel(), "model"))
                .put("by_problem", lines(s.byProblem(), "problem"));
    }

    private static JsonArray lines(List<CostSummary.Line> lines, String keyName) {
        JsonArray json = new JsonArray();
        for (CostSummary.Line line : lines) {
            json.add(new JsonObject().put(keyName, line.key()).mergeIn(toJson(line)));
        }
        return json;
    }

    private static JsonObject toJson(CostSummary.Line line) {
        return new JsonObject().put("groups", line.groups()).put("solved", line.solved())
                .put("cost_usd", line.costUsd().doubleValue())
                .put("cost_per_solved_usd", line.costPerSolvedUsd() == null ? null : line.costPerSolvedUsd().doubleValue());
    }

    /** Keys as strings, as pass_at's. */
    private static JsonObject byK(Map<Integer, Boolean> values) {
        JsonObject byK = new JsonObject();
        values.forEach((k, v) -> byK.put(String.valueOf(k), v));
        return byK;
    }

    /**
     * The product form leaves floating-point dust (0.6 comes out as 0.6000000000000001); rounded to 12
     * decimals, clients read the value they would compute by hand.
     */
    static double twelveDecimals(double p) {
        return Math.round(p * 1e12) / 1e12;
    }

    private static Number wholeOrDecimal(BigDecimal d) {
        return d.stripTrailingZeros().scale() <= 0 ? (Number) d.longValue() : (Number) d.doubleValue();
    }
}
