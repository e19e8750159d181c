package org.cpjudge.api.contest;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.SubtaskScore;

/** How tries on a problem make a result, and how results order contestants: ICPC, IOI or a Codeforces round. */
public interface ScoringRule {

    /**
     * @param tries  one contestant's visible tries on the problem, oldest first
     * @param hidden their tries the freeze hides (shown as pending)
     */
    ProblemResult result(ContestProblem problem, List<ContestSubmission> tries, int hidden, Contest contest);

    /** Better rows first; rows equal under it share a rank. */
    Comparator<ScoreboardRow> order();

    static ScoringRule of(Contest contest) {
        return switch (contest.scoring()) {
            case ICPC -> new Icpc(contest.rules().penaltyMinutes());
            case IOI -> new Ioi(contest.rules().ioiRule());
            case CODEFORCES -> new CodeforcesRound();
        };
    }

    /** The result of a problem nobody accepted: the counted tries, pending ones, no time. */
    /**
     * One contestant's tries on a problem walked oldest first up to the first accepted one, as the ICPC and
     * Codeforces rules both count them: the tries that count (CE and JE do not), those not judged yet (or hidden),
     * and the accepted try, or null. Tries after the first accepted one change nothing.
     */
    record FirstAccept(int attempts, int pending, ContestSubmission accepted) {

        static FirstAccept of(List<ContestSubmission> tries, int hidden) {
            int attempts = 0;
            int pending = hidden;
            for (ContestSubmission t : tries) {
                if (!t.judged()) {
                    pending++;
                } else if (t.countsAsTry()) {
                    attempts++;
                    if (t.accepted()) {
                        return new FirstAccept(attempts, pending, t);
                    }
                }
            }
            return new FirstAccept(attempts, pending, null);
        }
    }

    private static ProblemResult unsolved(ContestProblem p, int attempts, int pending, double score, Long minute) {
        return new ProblemResult(p.problemId(), p.label(), false, attempts, minute, score, 0, pending, null, false);
    }

    /**
     * ICPC: solved problems first, then less penalty (the minute of each first accepted try plus the contest's
     * penalty for every rejected try before it), then the earlier last accepted try; still equal: the same rank.
     * Tries after the first accepted one change nothing; compile and judge errors cost nothing.
     */
    final class Icpc implements ScoringRule {
        private final int penaltyPerRejection;

        public Icpc(int penaltyPerRejection) {
            this.penaltyPerRejection = penaltyPerRejection;
        }

        @Override
        public ProblemResult result(ContestProblem problem, List<ContestSubmission> tries, int hidden, Contest contest) {
            FirstAccept f = FirstAccept.of(tries, hidden);
            if (f.accepted() == null) {
                return unsolved(problem, f.attempts(), f.pending(), 0, null);
            }
            long minute = contest.minuteOf(f.accepted().submittedAt());
            return new ProblemResult(problem.problemId(), problem.label(), true, f.attempts(), minute, 1,
                    minute + (long) penaltyPerRejection * (f.attempts() - 1), f.pending(), f.accepted().submittedAt(),
                    false);
        }

        @Override
        public Comparator<ScoreboardRow> order() {
            return Comparator.comparingInt(ScoreboardRow::solved).reversed()
                    .thenComparingLong(ScoreboardRow::penalty)
                    .thenComparingLong(ScoreboardRow::lastAcceptedMinute);
        }
    }

    /**
     * IOI: each problem's points, by the contest's rule: the sum over subtasks of each subtask's best score in
     * any submission (the IOI rule since 2017), or the best single submission. A pass-fail problem scores 100
     * for an accepted try; a submission without subtask scores counts as one subtask worth its total.
     */
    final class Ioi implements ScoringRule {
        static final double FULL_SCORE = 100;
        private static final String WHOLE = "";
        private final IoiRule rule;

        public Ioi(IoiRule rule) {
            this.rule = rule;
        }

        @Override
        public ProblemResult result(ContestProblem problem, List<ContestSubmission> tries, int hidden, Contest contest) {
            int attempts = 0;
            int pending = hidden;
            double best = 0;
            Long bestMinute = null;
            boolean solved = false;
            java.time.Instant solvedAt = null;
            Map<String, Double> subtaskBest = new HashMap<>();
            for (ContestSubmission t : tries) {
                if (!t.judged()) {
                    pending++;
                    continue;
                }
                if (!t.countsAsTry()) {
                    continue;
                }
                attempts++;
                if (t.accepted() && !solved) {
                    solved = true;
                    solvedAt = t.submittedAt();
                }
                double total;
                if (rule == IoiRule.SUBTASK_MAX) {
                    if (t.subtasks().isEmpty()) {
                        subtaskBest.merge(WHOLE, scoreOf(t), Math::max);
                    } else {
                        for (SubtaskScore s : t.subtasks()) {
                            subtaskBest.merge(s.name(), s.score(), Math::max);
                        }
                    }
                    total = subtaskBest.values().stream().mapToDouble(d -> d).sum();
                } else {
                    total = scoreOf(t);
                }
                if (total > best) {
                    best = total;
                    bestMinute = contest.minuteOf(t.submittedAt());
                }
            }
            return new ProblemResult(problem.problemId(), problem.label(), solved, attempts, bestMinute, best, 0,
                    pending, solvedAt, false);
        }

        private static double scoreOf(ContestSubmission t) {
            return t.score() != null ? t.score() : (t.accepted() ? FULL_SCORE : 0);
        }

        @Override
        public Comparator<ScoreboardRow> order() {
            return Comparator.comparingDouble(ScoreboardRow::score).reversed();
        }
    }

    /**
     * A Codeforces round: a problem worth x points at the start loses 120x/(250d) per minute of a d-minute
     * round (x/250 per minute in the usual two hours), rounded down to whole points as Codeforces does, and 50
     * per rejected try before the accepted one, but never falls below 30% of x. Rows order by total points;
     * equal totals share a rank. Penalty is not used.
     */
    final class CodeforcesRound implements ScoringRule {
        static final int DEFAULT_POINTS = 500;
        static final int PER_REJECTION = 50;

        @Override
        public ProblemResult result(ContestProblem problem, List<ContestSubmission> tries, int hidden, Contest contest) {
            FirstAccept f = FirstAccept.of(tries, hidden);
            if (f.accepted() == null) {
                return unsolved(problem, f.attempts(), f.pending(), 0, null);
            }
            long minute = contest.minuteOf(f.accepted().submittedAt());
            int x = problem.points() != null ? problem.points() : DEFAULT_POINTS;
            double points = points(x, minute, f.attempts() - 1, contest.durationMinutes());
            return new ProblemResult(problem.problemId(), problem.label(), true, f.attempts(), minute, points,
                    0, f.pending(), f.accepted().submittedAt(), false);
        }

        /** max(0.3x, x - floor(120 x t / (250 d)) - 50 w). */
        static double points(int x, long minute, int rejected, int durationMinutes) {
            long decay = Math.floorDiv(120L * x * minute, 250L * Math.max(1, durationMinutes));
            return Math.max(0.3 * x, x - decay - (double) PER_REJECTION * rejected);
        }

        @Override
        public Comparator<ScoreboardRow> order() {
            return Comparator.comparingDouble(ScoreboardRow::score).reversed();
        }
    }
}
