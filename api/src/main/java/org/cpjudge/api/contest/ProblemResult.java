package org.cpjudge.api.contest;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One contestant's result on one problem.
 *
 * @param label          what the board calls the problem (A, B, ...)
 * @param attempts       tries that count (compile errors and judge errors do not)
 * @param timeMinutes    minute of the contest of the first accepted (ICPC, Codeforces) or best-scoring (IOI) try, else null
 * @param score          what the problem adds to the row's score (1 for an ICPC solve, points otherwise)
 * @param penaltyMinutes what the problem adds to the contestant's penalty
 * @param pending        tries not judged yet, or hidden by the freeze
 * @param solvedAt       when the accepted try was made, else null (decides the first solve)
 * @param firstSolve     whether this was the contest's first accepted solve of the problem (ties: all of them)
 */
public record ProblemResult(String problem, String label, boolean solved, int attempts, Long timeMinutes, double score,
                            long penaltyMinutes, int pending, Instant solvedAt, boolean firstSolve) {

    public ProblemResult withFirstSolve(boolean first) {
        return first == firstSolve ? this : new ProblemResult(problem, label, solved, attempts, timeMinutes, score,
                penaltyMinutes, pending, solvedAt, first);
    }

    JsonObject toJson() {
        return new JsonObject().put("problem", problem).put("label", label).put("solved", solved)
                .put("attempts", attempts).put("time_minutes", timeMinutes).put("score", score)
                .put("pending", pending).put("first_solve", firstSolve);
    }
}
