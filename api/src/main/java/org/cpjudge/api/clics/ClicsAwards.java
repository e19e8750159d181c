package org.cpjudge.api.clics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.contest.Scoreboard;
import org.cpjudge.api.contest.ScoreboardRow;

/**
 * The awards our contest model lets us derive, under the specification's known ids:
 * <ul>
 *   <li>{@code winner}: the team(s) ranked first, empty while nobody has scored;</li>
 *   <li>{@code group-winner-participants} and {@code group-winner-ai}: the same within each group;</li>
 *   <li>{@code first-to-solve-<problem>}: the team whose accepted try on the problem came first, empty while
 *       none did or while an earlier try is still pending (unjudged or hidden by the freeze), as the spec
 *       requires.</li>
 * </ul>
 * Medals are not awarded: our contests do not say how many gold, silver and bronze medals there are. Awards
 * follow what the caller sees (the public's winner does not change during the freeze).
 */
final class ClicsAwards {

    private ClicsAwards() {
    }

    static JsonArray of(ClicsView view, Scoreboard board) {
        JsonArray awards = new JsonArray();
        awards.add(award("winner", "Contest winner", leaders(view, board.rows())));
        for (String group : List.of(ClicsView.PARTICIPANTS, ClicsView.AI)) {
            List<ScoreboardRow> members = board.rows().stream()
                    .filter(r -> ClicsView.group(r.participant()).equals(group)).toList();
            awards.add(award("group-winner-" + group, "Winner of group " + group, leaders(view, members)));
        }
        if (view.problemsVisible()) {
            for (ContestProblem p : view.contest().problems()) {
                awards.add(award(awardId("first-to-solve-" + ClicsIds.of(p.problemId())),
                        "First to solve problem " + p.label(), firstToSolve(view, p.problemId())));
            }
        }
        return awards;
    }

    /** The best-ranked rows that have scored at all (ties share the first place). */
    private static JsonArray leaders(ClicsView view, List<ScoreboardRow> rows) {
        JsonArray teams = new JsonArray();
        int best = rows.stream().filter(ClicsAwards::scored).mapToInt(ScoreboardRow::rank).min().orElse(-1);
        for (ScoreboardRow r : rows) {
            if (scored(r) && r.rank() == best) {
                teams.add(view.teamId(r.participant()));
            }
        }
        return teams;
    }

    private static boolean scored(ScoreboardRow r) {
        return r.solved() > 0 || r.score() > 0;
    }

    private static JsonArray firstToSolve(ClicsView view, String problemId) {
        for (ContestData.Submission s : view.countedSubmissions()) {
            if (!s.problemId().equals(problemId)) {
                continue;
            }
            if (!s.judged() || !view.judgementVisible(s)) {
                return new JsonArray(); // an earlier try may still turn out to be the first solution
            }
            if (s.verdict() == org.cpjudge.judge.Verdict.AC) {
                return new JsonArray().add(view.teamId(s.userId()));
            }
        }
        return new JsonArray();
    }

    /** A known id that would be too long for an ID (long problem ids) is shortened the way every id is. */
    private static String awardId(String id) {
        return ClicsIds.of(id);
    }

    private static JsonObject award(String id, String citation, JsonArray teams) {
        return new JsonObject().put("id", id).put("citation", citation).put("team_ids", teams);
    }
}
