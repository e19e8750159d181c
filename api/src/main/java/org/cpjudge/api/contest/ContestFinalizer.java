package org.cpjudge.api.contest;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.RatingStore;
import org.cpjudge.rating.CodeforcesRating;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.NewcomerRule;
import org.cpjudge.rating.PerformanceRating;
import org.cpjudge.rating.RatingChange;
import org.cpjudge.rating.Standing;

/**
 * Finalizing a contest: ends it if it still runs, and once every submission is judged, applies the rating
 * changes of a rated contest. All of it happens in one transaction holding the contest's row, so that two
 * administrators finalizing at once apply the changes exactly once.
 */
public final class ContestFinalizer {

    /**
     * @param pending submissions still being judged: nothing was applied, finalize again later
     * @param changes the contest's rating changes (handle, change), in rank order
     */
    public record Outcome(Contest contest, boolean alreadyFinalized, int pending,
                          List<Map.Entry<String, RatingStore.HistoryEntry>> changes, List<Unofficial> unofficial) {
    }

    /**
     * An unofficial participant (an AI contestant in a contest that takes them unofficially): left out of the
     * rating changes, placed among the rated contestants, with the performance rating of that place.
     *
     * @param place the worst place of its tie group among the rated contestants, as rating places count
     */
    public record Unofficial(String handle, int place, int performanceRating) {
    }

    private final Database db;
    private final ContestStore contests;
    private final RatingStore ratings;
    private final NewcomerRule defaultRule;

    public ContestFinalizer(Database db, ContestStore contests, RatingStore ratings, NewcomerRule defaultRule) {
        this.db = db;
        this.contests = contests;
        this.ratings = ratings;
        this.defaultRule = defaultRule;
    }

    public Optional<Outcome> finalizeContest(String contestId, Instant now) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            Optional<Contest> found = contests.find(c, contestId, true);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Contest contest = found.get();
            if (contest.finalized()) {
                return Optional.of(new Outcome(contest, true, 0, ratings.changesOf(c, contestId), List.of()));
            }
            if (now.isBefore(contest.end())) {
                contests.endAt(c, contestId, now);
                contest = contests.find(c, contestId, true).orElseThrow();
            }
            List<ContestSubmission> tries = contests.submissions(c, contestId);
            Contest ended = contest;
            int pending = (int) tries.stream()
                    .filter(t -> ended.within(t.submittedAt()))
                    .filter(t -> !t.judged()).count();
            if (pending > 0) {
                return Optional.of(new Outcome(contest, false, pending, List.of(), List.of()));
            }
            List<Unofficial> unofficial = List.of();
            if (contest.rated()) {
                Scoreboard board = Scoreboard.of(contest, contests.participants(c, contestId), tries, now, false);
                unofficial = applyRatings(c, contest, board);
            }
            contests.markFinalized(c, contestId, now);
            return Optional.of(new Outcome(contests.find(c, contestId, false).orElseThrow(), false, 0,
                    ratings.changesOf(c, contestId), unofficial));
        });
    }

    /**
     * Rates every official participant who made at least one try, as Codeforces rates those who submitted, and
     * places the unofficial ones who tried among them.
     */
    private List<Unofficial> applyRatings(java.sql.Connection c, Contest contest, Scoreboard board)
            throws SQLException {
        List<ScoreboardRow> tried = board.rows().stream().filter(r -> r.tries() > 0).toList();
        List<ScoreboardRow> rated = tried.stream().filter(r -> !r.participant().unofficialIn(contest.rules())).toList();
        if (rated.isEmpty()) {
            return List.of();
        }
        NewcomerRule rule = contest.newcomerRule() == null ? defaultRule : NewcomerRules.parse(contest.newcomerRule());
        Map<Long, RatingStore.RatingState> states = ratings.states(c,
                rated.stream().map(r -> r.participant().userId()).toList());
        List<Standing> standings = new ArrayList<>();
        int[] ratingsBefore = new int[rated.size()];
        for (ScoreboardRow row : rated) {
            RatingStore.RatingState s = states.get(row.participant().userId());
            int internal = s.internalRating() == null ? rule.initialRating() : s.internalRating();
            ratingsBefore[standings.size()] = internal;
            Contestant who = new Contestant(row.participant().handle(), internal, s.ratedContests());
            standings.add(Standing.byScore(who, points(contest, row), row.penalty()));
        }
        List<RatingChange> changes = new CodeforcesRating(rule).rate(standings);
        for (int i = 0; i < rated.size(); i++) {
            ratings.apply(c, contest.id(), rated.get(i).participant().userId(), changes.get(i));
        }
        List<Unofficial> unofficial = new ArrayList<>();
        for (ScoreboardRow row : tried) {
            if (row.participant().unofficialIn(contest.rules())) {
                int place = placeAmong(rated, contest, row);
                unofficial.add(new Unofficial(row.participant().handle(), place,
                        PerformanceRating.of(place, ratingsBefore)));
            }
        }
        return unofficial;
    }

    /** What the rating formulas rank by: problems solved in ICPC, points otherwise. */
    private static double points(Contest contest, ScoreboardRow row) {
        return contest.scoring() == Scoring.ICPC ? row.solved() : row.score();
    }

    /** 1 + the rated rows better than or tied with {@code row}: a tie takes the group's worst place. */
    private static int placeAmong(List<ScoreboardRow> rated, Contest contest, ScoreboardRow row) {
        double p = points(contest, row);
        int place = 1;
        for (ScoreboardRow r : rated) {
            double q = points(contest, r);
            if (q > p || (q == p && r.penalty() <= row.penalty())) {
                place++;
            }
        }
        return place;
    }
}
