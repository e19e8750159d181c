package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A contest's standings, computed from its registered contestants and the tries that count in it.
 *
 * @param frozen whether results after the freeze are hidden (they show as pending)
 */
public record Scoreboard(Contest contest, boolean frozen, List<ScoreboardRow> rows) {

    /**
     * @param tries every submission made in the contest, oldest first
     * @param hideFrozen hide tries made after the freeze started, as the public board does until finalizing
     */
    public static Scoreboard of(Contest contest, List<Participant> participants, List<ContestSubmission> tries,
                                Instant now, boolean hideFrozen) {
        boolean frozen = hideFrozen && contest.frozenAt(now);
        ScoringRule rule = ScoringRule.of(contest);
        Map<Long, Map<String, List<ContestSubmission>>> visible = new HashMap<>();
        Map<Long, Map<String, Integer>> hidden = new HashMap<>();
        Map<Long, Integer> triesByUser = new HashMap<>();
        for (ContestSubmission t : tries) {
            if (!contest.within(t.submittedAt())) {
                continue;
            }
            triesByUser.merge(t.userId(), 1, Integer::sum);
            if (frozen && !t.submittedAt().isBefore(contest.freezeStart())) {
                hidden.computeIfAbsent(t.userId(), u -> new HashMap<>()).merge(t.problem(), 1, Integer::sum);
            } else {
                visible.computeIfAbsent(t.userId(), u -> new HashMap<>())
                        .computeIfAbsent(t.problem(), p -> new ArrayList<>()).add(t);
            }
        }
        List<ScoreboardRow> rows = new ArrayList<>();
        for (Participant p : participants) {
            List<ProblemResult> results = new ArrayList<>();
            for (String problem : contest.problemIds()) {
                results.add(rule.result(problem,
                        visible.getOrDefault(p.userId(), Map.of()).getOrDefault(problem, List.of()),
                        hidden.getOrDefault(p.userId(), Map.of()).getOrDefault(problem, 0), contest.startsAt()));
            }
            int solved = (int) results.stream().filter(ProblemResult::solved).count();
            long penalty = results.stream().mapToLong(ProblemResult::penaltyMinutes).sum();
            double score = results.stream().mapToDouble(ProblemResult::score).sum();
            rows.add(new ScoreboardRow(0, p, solved, penalty, score, results, triesByUser.getOrDefault(p.userId(), 0)));
        }
        return new Scoreboard(contest, frozen, ranked(rows, rule.order()));
    }

    /** Sorted by the rule; rows the rule cannot tell apart share the best of their places (1, 1, 3). */
    private static List<ScoreboardRow> ranked(List<ScoreboardRow> rows, Comparator<ScoreboardRow> order) {
        List<ScoreboardRow> sorted = new ArrayList<>(rows);
        sorted.sort(order.thenComparing(r -> r.participant().handle()));
        List<ScoreboardRow> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            boolean tiedWithPrevious = i > 0 && order.compare(sorted.get(i - 1), sorted.get(i)) == 0;
            int rank = tiedWithPrevious ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(sorted.get(i).withRank(rank));
        }
        return ranked;
    }

    public JsonObject toJson() {
        JsonArray list = new JsonArray();
        rows.forEach(r -> list.add(r.toJson()));
        return new JsonObject().put("contest", contest.id()).put("scoring", WireEnum.wire(contest.scoring())).put("frozen", frozen)
                .put("problems", new JsonArray(contest.problemIds())).put("rows", list);
    }
}
