package org.cpjudge.api.web;

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
 * The statement pages. What a page shows is what the API shows an anonymous reader (pages are read without a
 * token): the access policy decides, as for {@code GET /api/v1/problems/{id}}; a problem of a contest not started
 * yet is not found.
 */
final class ProblemPages {

    private final ProblemStore problems;
    private final ProblemCache cache;
    private final StatementRenderer statements;
    private final AccessPolicy access;
    private final ContestStore contests;

    ProblemPages(ProblemStore problems, ProblemCache cache, AccessPolicy access, ContestStore contests) {
        this.problems = problems;
        this.cache = cache;
        this.statements = new StatementRenderer(cache);
        this.access = access;
        this.contests = contests;
    }

    WebRoutes.Page statement(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        Instant now = Instant.now();
        ProblemAccess allowed = access.session(Viewer.ANONYMOUS, now).problem(id);
        Optional<StoredProblem> found = problems.find(id).filter(p -> allowed.visible());
        if (found.isEmpty()) {
            return WebRoutes.Page.notFound("No problem has the id '" + id + "'.");
        }
        StoredProblem problem = found.get();
        Optional<RenderedStatement> statement = statements.render(problem, ctx.request().getParam("lang"));
        List<StatementSample> samples = StatementSample.of(cache.get(problem));
        List<ProblemPage.ContestChoice> running = new ArrayList<>();
        for (Contest c : contests.containing(id)) {
            if (c.runningAt(now)) {
                running.add(new ProblemPage.ContestChoice(c.id(), c.name(),
                        c.problem(id).map(p -> p.label()).orElse("")));
            }
        }
        String contest = ctx.request().getParam("contest");
        String chosen = running.stream().anyMatch(c -> c.id().equals(contest)) ? contest : null;
        String title = statement.flatMap(RenderedStatement::title).orElse(problem.name());
        return WebRoutes.Page.ok(ProblemPage.render(new ProblemPage.View(problem, title, statement, samples,
                allowed == ProblemAccess.PRACTISE, running, chosen)));
    }
}
