package org.cpjudge.api.virtual;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestSubmission;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.api.contest.ProblemResult;
import org.cpjudge.api.contest.ScoreboardRow;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.rating.CodeforcesRating;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.NewcomerRule;
import org.cpjudge.rating.PerformanceRating;
import org.cpjudge.rating.Places;
import org.cpjudge.rating.Result;
import org.cpjudge.rating.Standing;

/**
 * What a virtual run came to. Its tries are put back into the contest at its start plus their virtual moment and
 * scored by the contest's own board ({@link ReferenceScoring}, so the scoring rules are written once); the row's
 * points (problems solved in ICPC, points otherwise, as finalizing rates them) and penalty are then placed among
 * the real final standings by the rating module: {@link Places} (a tie takes the worst place of its group),
 * {@link PerformanceRating} against the real ratings, and {@link CodeforcesRating} on the real standings with the
 * run inserted for the change it would have got. Nothing is stored: virtual runs are never rated.
 *
 * @param rank              the place among the real standings, or null when they give ranks only (a score cannot
 *                          be compared with a rank) or none were imported
 * @param ratingBefore      the internal rating the run was rated at: the author's, or the newcomer rule's start
 */
public record VirtualResult(VirtualRun run, ScoreboardRow row, double points, long penalty, Integer rank,
                            Integer performanceRating, Integer deltaIfRated, int ratingBefore, int standingsSize,
                            Instant now) {

    /** A handle no real participant can have: the run's own row among the real ones. */
    private static final String SELF = "\u0000virtual";

    public static VirtualResult of(Contest contest, VirtualRun run, List<VirtualRunStore.VirtualTry> tries,
                                   List<ReferenceRow> reference, VirtualRunStore.RatingState rating,
                                   NewcomerRule rule, Instant now) {
        ScoreboardRow row = board(contest, run, tries, now);
        double points = ReferenceScoring.points(contest, row);
        long penalty = row.penalty();
        int before = rating.internalRating() != null ? rating.internalRating() : rule.initialRating();
        boolean rankable = !reference.isEmpty() && reference.stream().noneMatch(ReferenceRow::byRank);
        if (!rankable) {
            return new VirtualResult(run, row, points, penalty, null, null, null, before, reference.size(), now);
        }
        List<Standing> field = new ArrayList<>(reference.size() + 1);
        int[] realRatings = new int[reference.size()];
        for (int i = 0; i < reference.size(); i++) {
            field.add(reference.get(i).standing());
            realRatings[i] = reference.get(i).rating();
        }
        field.add(new Standing(new Contestant(SELF, before, rating.ratedContests()), new Result.Score(points, penalty)));
        int self = field.size() - 1;
        int place = Places.of(field)[self];
        int performance = PerformanceRating.of(place, realRatings);
        int delta = new CodeforcesRating(rule).rate(field).get(self).delta();
        return new VirtualResult(run, row, points, penalty, place, performance, delta, before, reference.size(), now);
    }

    /**
     * The run's row on a board of the contest as if it had run with the run's tries alone: each try at the
     * contest's start plus its virtual moment. Tries at the same moment keep the order they were submitted in
     * (a nanosecond apart, within the same minute), since the rules read a contestant's tries oldest first.
     */
    static ScoreboardRow board(Contest contest, VirtualRun run, List<VirtualRunStore.VirtualTry> tries, Instant now) {
        List<ContestSubmission> placed = new ArrayList<>(tries.size());
        Instant previous = null;
        for (VirtualRunStore.VirtualTry t : tries) {
            Instant at = contest.startsAt().plus(Duration.ofMillis(t.offsetMillis()));
            if (previous != null && !at.isAfter(previous)) {
                at = previous.plusNanos(1);
            }
            previous = at;
            ContestSubmission s = t.submission();
            placed.add(new ContestSubmission(s.id(), s.userId(), s.problem(), at, s.status(), s.verdict(), s.score(),
                    s.subtasks(), s.attempt()));
        }
        Participant self = new Participant(run.userId(), run.handle(), "virtual");
        return ReferenceScoring.row(contest, self, placed, now);
    }

    public JsonObject toJson() {
        JsonArray cells = new JsonArray();
        for (ProblemResult p : row.problems()) {
            cells.add(new JsonObject().put("problem", p.problem()).put("label", p.label()).put("solved", p.solved())
                    .put("attempts", p.attempts()).put("time_minutes", p.timeMinutes()).put("score", p.score())
                    .put("pending", p.pending()));
        }
        Instant closes = run.closesAt();
        return new JsonObject().put("handle", run.handle()).put("contest", run.contestId())
                .put("policy", WireEnum.wire(run.policy()))
                .put("points", points).put("penalty", penalty).put("rank", rank)
                .put("performance_rating", performanceRating).put("delta_if_rated", deltaIfRated)
                .put("standings_size", standingsSize)
                .put("solved", row.solved()).put("score", row.score()).put("problems", cells)
                .put("rating_before", ratingBefore).put("rated", false)
                .put("start", run.startedAt().toString()).put("end", run.end().toString())
                .put("closes_at", closes == null ? null : closes.toString())
                .put("active", run.activeAt(now));
    }
}
