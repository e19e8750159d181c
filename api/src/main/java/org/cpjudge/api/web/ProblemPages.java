package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.access.ProblemAccess;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.problem.ProblemCache;
import org.cpjudge.api.statement.RenderedStatement;
import org.cpjudge.api.statement.StatementRenderer;
import org.cpjudge.api.statement.StatementSample;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;

/**
 * What the statement page shows a viewer: the access policy decides, as for {@code GET /api/v1/problems/{id}} (a
 * problem of a contest not started yet is not found). The server renders the page as an anonymous reader sees it
 * (pages are read without a token); when that is nothing, the page asks {@code GET /api/v1/problems/{id}/page}
 * with the reader's token, which answers {@link #json} of the same view for them (a private contest's
 * contestant, an administrator).
 */
public final class ProblemPages {

    private final ProblemStore problems;
    private final ProblemCache cache;
    private final StatementRenderer statements;
    private final AccessPolicy access;
    private final ContestStore contests;

    public ProblemPages(ProblemStore problems, ProblemCache cache, AccessPolicy access, ContestStore contests) {
        this.problems = problems;
        this.cache = cache;
        this.statements = new StatementRenderer(cache);
        this.access = access;
        this.contests = contests;
    }

    /** The page of problem {@code id} for {@code viewer}; empty when they may not see it (or it does not exist). */
    public Optional<ProblemPage.View> view(Viewer viewer, String id, String language, String contest) throws Exception {
        Instant now = Instant.now();
        AccessPolicy.Session session = access.session(viewer, now);
        ProblemAccess allowed = session.problem(id);
        Optional<StoredProblem> found = problems.find(id).filter(p -> allowed.visible());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredProblem problem = found.get();
        Optional<RenderedStatement> statement = statements.render(problem, language);
        List<StatementSample> samples = StatementSample.of(cache.get(problem));
        List<ProblemPage.ContestChoice> running = new ArrayList<>();
        for (Contest c : contests.containing(id)) {
            boolean registered = !viewer.anonymous() && contests.isRegistered(c.id(), viewer.user().id());
            if (c.runningAt(now) && (viewer.administrator() || AccessPolicy.inContest(c, now, registered).visible())) {
                running.add(new ProblemPage.ContestChoice(c.id(), c.name(), c.problem(id).map(p -> p.label()).orElse("")));
            }
        }
        String chosen = running.stream().anyMatch(c -> c.id().equals(contest)) ? contest : null;
        String title = statement.flatMap(RenderedStatement::title).orElse(problem.name());
        return Optional.of(new ProblemPage.View(problem, title, statement, samples,
                allowed == ProblemAccess.PRACTISE, running, chosen));
    }

    WebRoutes.Page statement(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        Optional<ProblemPage.View> view = view(Viewer.ANONYMOUS, id, ctx.request().getParam("lang"),
                ctx.request().getParam("contest"));
        return view.map(v -> WebRoutes.Page.ok(ProblemPage.render(v)))
                .orElseGet(() -> new WebRoutes.Page(404, ProblemPage.renderHidden(id)));
    }

    /** The view as {@code GET /api/v1/problems/{id}/page} answers it. */
    public static JsonObject json(ProblemPage.View v) {
        JsonObject statement = v.statement().map(s -> new JsonObject().put("language", s.language())
                .put("languages", new JsonArray(s.languages())).put("format", s.format().name().toLowerCase())
                .put("html", s.html().orElse(null)).put("file_url", s.fileUrl())).orElse(null);
        JsonArray samples = new JsonArray();
        v.samples().forEach(s -> samples.add(new JsonObject().put("name", s.name()).put("input", s.input())
                .put("output", s.output()).put("interaction", s.interaction())));
        JsonArray running = new JsonArray();
        v.contests().forEach(c -> running.add(new JsonObject().put("id", c.id()).put("name", c.name()).put("label", c.label())));
        return new JsonObject().put("id", v.problem().id()).put("name", v.problem().name()).put("title", v.title())
                .put("time_limit_ms", v.problem().timeLimitMs()).put("memory_limit_mb", v.problem().memoryLimitMb())
                .put("statement", statement).put("samples", samples).put("practice", v.practice())
                .put("contests", running).put("contest", v.contest());
    }
}
