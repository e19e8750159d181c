package org.cpjudge.rating;

/**
 * The Elo probability that a contestant rated {@code r_j} beats one rated {@code R}:
 * {@code 1 / (1 + 10^((R - r_j) / 400))}, in fixed point.
 *
 * <p>Why fixed point: every expected place is a sum of thousands of these probabilities, and the
 * rating rules compare such sums with {@code >=}. A floating-point sum depends on its order, so a fast
 * algorithm that sums per rating value and a naive one that sums per contestant could disagree at a
 * boundary. Each probability is therefore rounded once to a multiple of {@code 2^-40}; sums of
 * these are exact integers, independent of order, and removing one contestant's term is an exact
 * subtraction. The rounding error (at most {@code 2^-41} per term) is far below anything that moves
 * a rating by a point in practice, and the Codeforces Round 641 fixture is reproduced exactly.
 *
 * <p>Since ratings are integers, the probability depends only on the integer difference
 * {@code d = r_j - R}. Beyond {@link #WINDOW} the rounded value is exactly 0 or exactly {@link #ONE},
 * which lets the seed table count far-away contestants instead of summing them.
 */
public final class WinProbability {
    /** Fixed-point scale: the value that represents probability 1. */
    public static final long ONE = 1L << 40;

    /** Beyond this rating difference the rounded probability is exactly 0 or exactly {@link #ONE}. */
    public static final int WINDOW = 5000;

    private static final long[] TABLE = new long[2 * WINDOW + 1];

    static {
        for (int d = -WINDOW; d <= WINDOW; d++) {
            TABLE[d + WINDOW] = compute(d);
        }
        if (compute(-WINDOW - 1) != 0 || compute(WINDOW + 1) != ONE) {
            throw new AssertionError("WINDOW too small for the fixed-point scale");
        }
    }

    private WinProbability() {
    }

    /**
     * Probability, in units of {@code 1/ONE}, that a contestant rated {@code R + d} beats one rated
     * {@code R}.
     */
    public static long fixed(long d) {
        if (d > WINDOW) {
            return ONE;
        }
        if (d < -WINDOW) {
            return 0;
        }
        return TABLE[(int) d + WINDOW];
    }

    /** The same probability as a double, for callers that only display it. */
    public static double of(int winnerRating, int loserRating) {
        return fixed((long) winnerRating - loserRating) / (double) ONE;
    }

    /** StrictMath rather than Math: the table must be the same on every JVM and platform. */
    private static long compute(long d) {
        return Math.round(ONE / (1.0 + StrictMath.pow(10.0, -d / 400.0)));
    }
}
