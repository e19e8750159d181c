package org.cpjudge.rating;

import java.util.Objects;

/** One row of the final standings of a rated contest: who, and how they did. */
public record Standing(Contestant contestant, Result result) {
    public Standing {
        Objects.requireNonNull(contestant, "contestant");
        Objects.requireNonNull(result, "result");
    }

    public static Standing byScore(Contestant contestant, double points, long penalty) {
        return new Standing(contestant, new Result.Score(points, penalty));
    }

    public static Standing byRank(Contestant contestant, long rank) {
        return new Standing(contestant, new Result.GivenRank(rank));
    }
}
