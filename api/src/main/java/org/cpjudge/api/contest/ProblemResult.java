package org.cpjudge.api.contest;

import io.vertx.core.json.JsonObject;

/**
 * One contestant's result on one problem.
 *
 * @param attempts       tries that count (compile errors and judge errors do not)
 * @param timeMinutes    minute of the contest of the first accepted (ICPC) or best-scoring (IOI) try, else null
 * @param penaltyMinutes what the problem adds to the contestant's penalty
 * @param pending        tries not judged yet, or hidden by the freeze
 */
public record ProblemResult(String problem, boolean solved, int attempts, Long timeMinutes, double score,
                            long penaltyMinutes, int pending) {

    JsonObject toJson() {
        return new JsonObject().put("problem", problem).put("solved", solved).put("attempts", attempts)
                .put("time_minutes", timeMinutes).put("score", score).put("pending", pending);
    }
}
