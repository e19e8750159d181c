package org.cpjudge.rating;

/**
 * How a new account enters the rating system, and how its internal rating (the one the rating
 * formulas use) relates to the rating shown in public.
 */
public enum NewcomerRule {
    /**
     * Codeforces since May 2020 (blog entry 77890): a new account is rated 1400 internally but shows 0.
     * Its first six rated contests each add a display boost of 500, 350, 250, 150, 100 and 50 (1400 in
     * all) on top of the rating change, so after six contests the shown rating equals the internal one.
     * Starting lower than 1500 takes fewer points away from the established field, and the boosts
     * make a newcomer's shown rating climb instead of falling towards their level from above.
     */
    CODEFORCES_2020(1400, new int[] {500, 350, 250, 150, 100, 50}),

    /** Codeforces before 2020: everyone starts at 1500, and the shown rating is the internal one. */
    START_AT_1500(1500, new int[0]);

    private final int initialRating;
    private final int[] boosts;

    NewcomerRule(int initialRating, int[] boosts) {
        this.initialRating = initialRating;
        this.boosts = boosts;
    }

    /** The internal rating a new account enters its first rated contest with. */
    public int initialRating() {
        return initialRating;
    }

    /**
     * The public rating of an account with this internal rating after {@code ratedContests} rated
     * contests: the internal rating minus the display boosts not given yet.
     */
    public int displayedRating(int internalRating, int ratedContests) {
        if (ratedContests < 0) {
            throw new IllegalArgumentException("ratedContests must be >= 0, got " + ratedContests);
        }
        int pending = 0;
        for (int k = ratedContests; k < boosts.length; k++) {
            pending += boosts[k];
        }
        return internalRating - pending;
    }
}
