package org.cpjudge.rating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Rating changes for a finished rated contest, by the Codeforces rules (Mike Mirzayanov's
 * "Open Codeforces Rating System", blog entry 20762, plus the 2020 newcomer rule).
 *
 * <p>For each contestant {@code i} with old rating {@code r_i} and place {@code place_i}:
 * <ol>
 *   <li>{@code seed_i = 1 + sum_{j != i} P(j beats i)}: the place they were expected to take;</li>
 *   <li>{@code m_i = sqrt(place_i * seed_i)}: a place between the expected and the actual one;</li>
 *   <li>{@code need_i}: the largest integer {@code R} in [1, 8000] at which
 *       {@code 1 + sum_{j != i} P(j beats R) >= m_i}, or 1 if there is none: the rating at which
 *       {@code m_i} would have been the expected place;</li>
 *   <li>{@code d_i = (need_i - r_i) / 2}, truncated toward zero;</li>
 *   <li>then the two {@link Corrections}.</li>
 * </ol>
 * Probabilities are summed in exact fixed point ({@link WinProbability}), over a histogram of the
 * field ({@link SeedTable}), so the whole computation is {@code O(n log n + (8000 + D) * min(D, 10^4))} for
 * {@code D} distinct ratings, and gives the same result as summing contestant by contestant.
 */
public final class CodeforcesRating {
    /** The range the needed rating is searched in. */
    static final int MIN_NEED = 1;
    static final int MAX_NEED = 8000;

    /** Beyond this, fixed-point sums could overflow a long. */
    public static final int MAX_CONTESTANTS = 1 << 22;

    private final NewcomerRule newcomerRule;

    public CodeforcesRating(NewcomerRule newcomerRule) {
        this.newcomerRule = newcomerRule;
    }

    /** Rating changes under the current Codeforces newcomer rule. */
    public static List<RatingChange> compute(List<Standing> standings) {
        return new CodeforcesRating(NewcomerRule.CODEFORCES_2020).rate(standings);
    }

    /**
     * The rating change of every contestant, in input order.
     *
     * @throws IllegalArgumentException for duplicate handles, standings mixing scores and given ranks,
     *                                  or more than {@link #MAX_CONTESTANTS} contestants
     */
    public List<RatingChange> rate(List<Standing> standings) {
        int n = standings.size();
        if (n > MAX_CONTESTANTS) {
            throw new IllegalArgumentException("at most " + MAX_CONTESTANTS + " contestants, got " + n);
        }
        rejectDuplicateHandles(standings);
        int[] places = Places.of(standings);
        int[] ratings = new int[n];
        for (int k = 0; k < n; k++) {
            ratings[k] = standings.get(k).contestant().rating();
        }

        SeedTable table = new SeedTable(ratings, MIN_NEED, MAX_NEED);
        double[] seeds = new double[n];
        int[] deltas = new int[n];
        // contestants are independent of each other here: splitting them over cores changes no result
        IntStream.range(0, n).parallel().forEach(i -> {
            long seed = table.seedOfMember(ratings[i]);
            seeds[i] = seed / (double) WinProbability.ONE;
            long target = targetPlace(places[i], seeds[i]);
            int need = highestRatingExpectedAtLeast(table, ratings[i], target, MIN_NEED, MAX_NEED);
            deltas[i] = (need - ratings[i]) / 2;
        });
        Corrections.towardsZeroSum(deltas);
        Corrections.topContendersZeroSum(deltas, ratings, places);

        List<RatingChange> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Contestant c = standings.get(i).contestant();
            int newRating = ratings[i] + deltas[i];
            changes.add(new RatingChange(c.handle(), places[i], ratings[i], newRating, deltas[i], seeds[i],
                    newcomerRule.displayedRating(ratings[i], c.ratedContests()),
                    newcomerRule.displayedRating(newRating, c.ratedContests() + 1)));
        }
        return changes;
    }

    /**
     * {@code m = sqrt(place * seed)} as a fixed-point threshold: the smallest fixed-point value that is
     * {@code >= m}. Multiplying by a power of two is exact, so comparing fixed-point sums against this
     * integer is exactly the comparison {@code sum >= m}.
     */
    static long targetPlace(int place, double seed) {
        double m = Math.sqrt(place * seed);
        return (long) Math.ceil(m * WinProbability.ONE);
    }

    /**
     * The largest {@code R} in {@code [low, high]} at which the expected place of a contestant rated
     * {@code R}, among the field without the contestant rated {@code selfRating}, is at least
     * {@code target}; {@code low} when there is none. The expected place falls as {@code R} rises,
     * so this is a binary search.
     */
    static int highestRatingExpectedAtLeast(SeedTable table, int selfRating, long target, int low, int high) {
        int lo = low;      // answer candidates are in [lo, hi]
        int hi = high;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (table.expectedPlaceExcluding(mid, selfRating) >= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static void rejectDuplicateHandles(List<Standing> standings) {
        Set<String> seen = new HashSet<>(standings.size() * 2);
        for (Standing s : standings) {
            if (!seen.add(s.contestant().handle())) {
                throw new IllegalArgumentException("duplicate handle: " + s.contestant().handle());
            }
        }
    }
}
