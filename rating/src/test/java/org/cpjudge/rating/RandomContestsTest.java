package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast algorithm against the naive oracle, on random contests of many shapes. */
class RandomContestsTest {

    enum Ratings { TYPICAL, EXTREME, ALL_EQUAL, FEW_DISTINCT, NEGATIVE, HIGH }

    static List<Arguments> contests() {
        List<Arguments> out = new ArrayList<>();
        int[] sizes = {1, 2, 3, 10, 100, 1000, 3000};
        for (int n : sizes) {
            for (Ratings r : Ratings.values()) {
                for (boolean byRank : new boolean[] {false, true}) {
                    if (n >= 1000 && (byRank || r == Ratings.FEW_DISTINCT || r == Ratings.NEGATIVE)) {
                        continue; // the O(n^2) oracle is slow; the large sizes get the most telling shapes
                    }
                    out.add(Arguments.of(n, r, byRank, 31L * n + r.ordinal() * 7L + (byRank ? 1 : 0)));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "n={0} ratings={1} byRank={2}")
    @MethodSource("contests")
    void fastEqualsNaive(int n, Ratings shape, boolean byRank, long seed) {
        Random random = new Random(seed);
        List<Standing> standings = randomContest(random, n, shape, byRank);

        List<RatingChange> fast = new CodeforcesRating(NewcomerRule.START_AT_1500).rate(standings);
        List<RatingChange> naive = NaiveRating.rate(standings);

        assertEquals(n, fast.size());
        for (int k = 0; k < n; k++) {
            RatingChange f = fast.get(k);
            RatingChange o = naive.get(k);
            String who = f.handle() + " (old " + f.oldRating() + ", place " + o.rank() + ")";
            assertEquals(o.handle(), f.handle(), who);
            assertEquals(o.rank(), f.rank(), who);
            assertEquals(o.seed(), f.seed(), who);
            assertEquals(o.delta(), f.delta(), who);
            assertEquals(o.newRating(), f.newRating(), who);
        }
    }

    static List<Standing> randomContest(Random random, int n, Ratings shape, boolean byRank) {
        IntSupplier rating = switch (shape) {
            case TYPICAL -> () -> (int) Math.round(1500 + 400 * random.nextGaussian());
            case EXTREME -> () -> -6000 + random.nextInt(20001);
            case ALL_EQUAL -> () -> 1500;
            case FEW_DISTINCT -> () -> 1000 + 500 * random.nextInt(4);
            case NEGATIVE -> () -> -3000 + random.nextInt(2900);
            case HIGH -> () -> 7000 + random.nextInt(6000);
        };
        // few distinct scores, so that ties are common
        int distinctScores = Math.max(1, n / 4);
        List<Standing> standings = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Contestant c = Contestant.of("u" + k, rating.getAsInt());
            standings.add(byRank
                    ? Standing.byRank(c, 1 + random.nextInt(distinctScores))
                    : Standing.byScore(c, random.nextInt(distinctScores), random.nextInt(3)));
        }
        return standings;
    }
}
