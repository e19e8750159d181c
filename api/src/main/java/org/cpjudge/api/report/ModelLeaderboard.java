package org.cpjudge.api.report;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.ai.Bootstrap;
import org.cpjudge.api.ai.ModelBoard;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.contest.NewcomerRules;
import org.cpjudge.api.contest.ProblemResult;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ModelRunStore;
import org.cpjudge.api.virtual.ReferenceRow;
import org.cpjudge.api.virtual.VirtualResult;
import org.cpjudge.api.virtual.VirtualRunStore;
import org.cpjudge.rating.NewcomerRule;

/**
 * The models leaderboard as a viewer may see it: the rows of {@code GET /api/v1/ai/models} (and of one model),
 * read by the API and by the {@code /ai} pages alike. A model's rating counts the virtual runs of AI users naming
 * it that are over (ended, or their clock ran out; an active run's result is its author's alone, as
 * {@link AccessPolicy.Session#virtualResult} says, so it counts for nobody until it is over), of contests whose
 * imported standings give a performance rating, and whose tries are all judged (a pending verdict would still move
 * it). Each run's result is {@link VirtualResult}'s, the same as {@code GET /api/v1/contests/{id}/virtual/{handle}}
 * shows; {@link ModelBoard} adds them up.
 */
public final class ModelLeaderboard {

    private final ContestStore contests;
    private final VirtualRunStore virtualRuns;
    private final ModelRunStore modelRuns;
    private final AccessPolicy access;
    private final NewcomerRule defaultRule;

    public ModelLeaderboard(ContestStore contests, VirtualRunStore virtualRuns, ModelRunStore modelRuns,
                            AccessPolicy access, NewcomerRule defaultRule) {
        this.contests = contests;
        this.virtualRuns = virtualRuns;
        this.modelRuns = modelRuns;
        this.access = access;
        this.defaultRule = defaultRule;
    }

    /** Every model's row, by mean performance, highest first. */
    public List<JsonObject> rows(Viewer viewer) throws SQLException {
        return rows(viewer, null, false);
    }

    /** One model's row with its per-contest performances; empty when no counted run names it. */
    public Optional<JsonObject> model(Viewer viewer, String model) throws SQLException {
        Objects.requireNonNull(model, "model");
        List<JsonObject> rows = rows(viewer, model, true);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<JsonObject> rows(Viewer viewer, String model, boolean withPerformances) throws SQLException {
        Instant now = Instant.now();
        AccessPolicy.Session session = access.session(viewer, now);
        List<ModelRunStore.AiRun> finished = new ArrayList<>();
        for (ModelRunStore.AiRun r : modelRuns.aiRuns(model)) {
            // over for everyone, not only for a viewer who may see an active run (its author, an administrator)
            if (!r.run().activeAt(now) && session.virtualResult(r.run())) {
                finished.add(r);
            }
        }
        Map<Long, List<ModelRunStore.TryFacts>> tries = modelRuns.tries(
                finished.stream().map(r -> r.run().id()).toList());
        Map<String, Optional<Contest>> contestById = new HashMap<>();
        Map<String, List<ReferenceRow>> standings = new HashMap<>();
        List<ModelBoard.CountedRun> counted = new ArrayList<>();
        for (ModelRunStore.AiRun r : finished) {
            String id = r.run().contestId();
            Optional<Contest> contest = contestById.get(id);
            if (contest == null) {
                contest = contests.find(id);
                contestById.put(id, contest);
            }
            if (contest.isEmpty()) {
                continue;
            }
            List<ReferenceRow> reference = standings.get(id);
            if (reference == null) {
                reference = virtualRuns.standings(id);
                standings.put(id, reference);
            }
            Contest c = contest.get();
            NewcomerRule rule = c.newcomerRule() == null ? defaultRule : NewcomerRules.parse(c.newcomerRule());
            VirtualResult result = VirtualResult.of(c, r.run(), virtualRuns.tries(r.run()), reference,
                    virtualRuns.ratingOf(r.run().userId()), rule, now);
            boolean pending = result.row().problems().stream().anyMatch(p -> p.pending() > 0);
            if (result.performanceRating() == null || pending) {
                continue;
            }
            List<ModelRunStore.TryFacts> facts = tries.getOrDefault(r.run().id(), List.of());
            BigDecimal cost = facts.stream().map(ModelRunStore.TryFacts::costUsd).filter(Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            List<Integer> difficulties = new ArrayList<>();
            for (ProblemResult p : result.row().problems()) {
                if (p.solved()) {
                    difficulties.add(c.problem(p.problem()).map(ContestProblem::rating).orElse(null));
                }
            }
            int solved = difficulties.size();
            counted.add(new ModelBoard.CountedRun(r.model(), r.provider(), r.modelVersion(), r.run().handle(), id,
                    WireEnum.wire(r.run().policy()), result.performanceRating(), result.rank(), solved, cost,
                    new ArrayList<>(new TreeSet<>(facts.stream().map(ModelRunStore.TryFacts::language).toList())),
                    ModelBoard.mostTriesOnAProblem(facts.stream().map(ModelRunStore.TryFacts::problem).toList()),
                    difficulties));
        }
        Map<String, int[]> ratings = new HashMap<>();
        for (ModelBoard.CountedRun run : counted) {
            ratings.computeIfAbsent(run.contest(),
                    k -> standings.get(k).stream().mapToInt(ReferenceRow::rating).toArray());
        }
        return ModelBoard.rows(counted, ratings, Bootstrap.standard(), withPerformances);
    }
}
