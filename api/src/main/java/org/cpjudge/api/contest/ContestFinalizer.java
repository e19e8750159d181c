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
                          List<Map.Entry<String, RatingStore.HistoryEntry>> changes) {
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
                return Optional.of(new Outcome(contest, true, 0, ratings.changesOf(c, contestId)));
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
                return Optional.of(new Outcome(contest, false, pending, List.of()));
            }
            if (contest.rated()) {
                Scoreboard board = Scoreboard.of(contest, contests.participants(c, contestId), tries, now, false);
                applyRatings(c, contest, board);
            }
            contests.markFinalized(c, contestId, now);
            return Optional.of(new Outcome(contests.find(c, contestId, false).orElseThrow(), false, 0,
                    ratings.changesOf(c, contestId)));
        });
    }

    /** Rates everyone who made at least one try, as Codeforces rates those who submitted. */
    private void applyRatings(java.sql.Connection c, Contest contest, Scoreboard board) throws SQLException {
        List<ScoreboardRow> rated = board.rows().stream().filter(r -> r.tries() > 0).toList();
        if (rated.isEmpty()) {
            return;
        }
        NewcomerRule rule = contest.newcomerRule() == null ? defaultRule : NewcomerRules.parse(contest.newcomerRule());
        Map<Long, RatingStore.RatingState> states = ratings.states(c,
                rated.stream().map(r -> r.participant().userId()).toList());
        List<Standing> standings = new ArrayList<>();
        for (ScoreboardRow row : rated) {
            RatingStore.RatingState s = states.get(row.participant().userId());
            int internal = s.internalRating() == null ? rule.initialRating() : s.internalRating();
            Contestant who = new Contestant(row.participant().handle(), internal, s.ratedContests());
            double points = contest.scoring() == Scoring.ICPC ? row.solved() : row.score();
            standings.add(Standing.byScore(who, points, row.penalty()));
        }
        List<RatingChange> changes = new CodeforcesRating(rule).rate(standings);
        for (int i = 0; i < rated.size(); i++) {
            ratings.apply(c, contest.id(), rated.get(i).participant().userId(), changes.get(i));
        }
    }
}
