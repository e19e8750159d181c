package org.cpjudge.rating;

import java.util.Objects;

/**
 * A rated participant as the rating formulas see them before the contest.
 *
 * @param handle        unique name in the contest
 * @param rating        internal rating before the contest (the one the formulas use; it can differ from
 *                      the public one for newcomers, see {@link NewcomerRule})
 * @param ratedContests rated contests taken part in before this one; only the public rating depends on it
 */
public record Contestant(String handle, int rating, int ratedContests) {
    /** A count of rated contests after which no newcomer rule changes the public rating any more. */
    public static final int ESTABLISHED = 6;

    public Contestant {
        Objects.requireNonNull(handle, "handle");
        if (ratedContests < 0) {
            throw new IllegalArgumentException("ratedContests must be >= 0 for " + handle);
        }
    }

    /** An established contestant, whose public rating is the internal one under every rule. */
    public static Contestant of(String handle, int rating) {
        return new Contestant(handle, rating, ESTABLISHED);
    }

    /** A contestant in their first rated contest, at the rule's starting rating. */
    public static Contestant newcomer(String handle, NewcomerRule rule) {
        return new Contestant(handle, rule.initialRating(), 0);
    }
}
