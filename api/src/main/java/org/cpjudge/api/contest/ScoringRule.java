package org.cpjudge.api.contest;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** How tries on a problem make a result, and how results order contestants: ICPC or IOI. */
public interface ScoringRule {

    /** {@code tries}: one contestant's visible tries on the problem, oldest first. */
    ProblemResult result(String problem, List<ContestSubmission> tries, int hidden, Instant start);

    /** Better rows first; rows equal under it share a rank. */
    Comparator<ScoreboardRow> order();

    static ScoringRule of(Contest contest) {
        return switch (contest.scoring()) {
            case ICPC -> new Icpc();
            case IOI -> new Ioi();
            // TODO(issue 8): Codeforces round scoring; until then a round scores as ICPC
            case CODEFORCES -> new Icpc();
        };
    }

    private static long minuteOf(Instant t, Instant start) {
        return Duration.between(start, t).toMinutes();
    }

    /**
     * ICPC: solved problems first, then less penalty: the minute of each first accepted try plus 20 minutes
     * for every rejected try before it. Tries after the first accepted one change nothing.
     */
    final class Icpc implements ScoringRule {
        static final int PENALTY_PER_REJECTION = 20;

        @Override
        public ProblemResult result(String problem, List<ContestSubmission> tries, int hidden, Instant start) {
            int attempts = 0;
            int pending = hidden;
            for (ContestSubmission t : tries) {
                if (!t.judged()) {
                    pending++;
                } else if (t.countsAsTry()) {
                    attempts++;
                    if (t.accepted()) {
                        long minute = minuteOf(t.submittedAt(), start);
                        return new ProblemResult(problem, true, attempts, minute, 1,
                                minute + (long) PENALTY_PER_REJECTION * (attempts - 1), pending);
                    }
                }
            }
            return new ProblemResult(problem, false, attempts, null, 0, 0, pending);
        }

        @Override
        public Comparator<ScoreboardRow> order() {
            return Comparator.comparingInt(ScoreboardRow::solved).reversed()
                    .thenComparingLong(ScoreboardRow::penalty);
        }
    }

    /**
     * IOI: each problem counts its best try's score (a pass-fail problem gives 100 for an accepted try), and
     * contestants are ordered by their total.
     */
    final class Ioi implements ScoringRule {
        static final double FULL_SCORE = 100;

        @Override
        public ProblemResult result(String problem, List<ContestSubmission> tries, int hidden, Instant start) {
            int attempts = 0;
            int pending = hidden;
            double best = 0;
            Long bestMinute = null;
            boolean solved = false;
            for (ContestSubmission t : tries) {
                if (!t.judged()) {
                    pending++;
                    continue;
                }
                if (!t.countsAsTry()) {
                    continue;
                }
                attempts++;
                solved |= t.accepted();
                double score = t.score() != null ? t.score() : (t.accepted() ? FULL_SCORE : 0);
                if (score > best) {
                    best = score;
                    bestMinute = minuteOf(t.submittedAt(), start);
                }
            }
            return new ProblemResult(problem, solved, attempts, bestMinute, best, 0, pending);
        }

        @Override
        public Comparator<ScoreboardRow> order() {
            return Comparator.comparingDouble(ScoreboardRow::score).reversed();
        }
    }
}
