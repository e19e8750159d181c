package org.cpjudge.rating;

/**
 * What decides a contestant's place: either a score (points, then penalty) or a rank given by the
 * contest. One contest uses one kind only, since the two cannot be compared with each other.
 */
public sealed interface Result permits Result.Score, Result.GivenRank {

    /** Points (more is better), then penalty (less is better). Equal on both means tied. */
    record Score(double points, long penalty) implements Result {
        public Score {
            if (Double.isNaN(points) || Double.isInfinite(points)) {
                throw new IllegalArgumentException("points must be a finite number");
            }
        }
    }

    /** A rank from the contest's own standings (lower is better). Equal ranks mean tied. */
    record GivenRank(long rank) implements Result {
    }
}
