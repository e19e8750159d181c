package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerformanceRatingTest {

    @Test
    void middleOfAnEqualFieldIsJustBelowTheFieldsRating() {
        int[] others = new int[999];
        Arrays.fill(others, 1500);
        // expected place at R = 1 + 999 * P(1500 beats R): 500.5 at 1500, about 501.9 at 1499
        assertEquals(1499, PerformanceRating.of(501, others));
        assertEquals(1500, PerformanceRating.of(500, others));
    }

    @Test
    void theDefinitionHoldsAtTheAnswerAndFailsJustAbove() {
        Random random = new Random(7);
        int[] others = new int[500];
        for (int k = 0; k < others.length; k++) {
            others[k] = (int) Math.round(1600 + 350 * random.nextGaussian());
        }
        for (int place = 2; place <= others.length; place += 37) {
            int r = PerformanceRating.of(place, others);
            assertTrue(r > PerformanceRating.DEFAULT_LOW && r < PerformanceRating.DEFAULT_HIGH, "inside: " + r);
            assertTrue(expectedPlace(others, r) >= place, "at " + r);
            assertTrue(expectedPlace(others, r + 1) < place, "above " + r);
        }
    }

    @Test
    void betterPlacesGiveHigherPerformance() {
        int[] others = {1200, 1400, 1600, 1800, 2000, 2200, 2400, 2600};
        int previous = Integer.MAX_VALUE;
        for (int place = 2; place <= 8; place++) {
            int r = PerformanceRating.of(place, others);
            assertTrue(r < previous, "place " + place + ": " + r + " vs " + previous);
            previous = r;
        }
    }

    @Test
    void winnerAndLastAreCensoredAtTheBounds() {
        int[] others = {1500, 1600, 1700};
        assertEquals(PerformanceRating.DEFAULT_HIGH, PerformanceRating.of(1, others));
        assertEquals(PerformanceRating.DEFAULT_LOW, PerformanceRating.of(4, others));
        assertEquals(-300, PerformanceRating.of(4, others, -300, 9000));
    }

    @Test
    void ofAllIgnoresTheContestantsOwnRating() {
        List<Standing> standings = List.of(
                Standing.byScore(Contestant.of("a", 1500), 30, 0),
                Standing.byScore(Contestant.of("b", 2600), 20, 0),
                Standing.byScore(Contestant.of("c", 1500), 20, 0),
                Standing.byScore(Contestant.of("d", 1900), 10, 0));
        int[] all = PerformanceRating.ofAll(standings);
        // b and c are tied on place 3; each is measured against the other three
        assertEquals(PerformanceRating.of(3, new int[] {1500, 1500, 1900}), all[1]);
        assertEquals(PerformanceRating.of(3, new int[] {1500, 2600, 1900}), all[2]);
        assertEquals(PerformanceRating.of(1, new int[] {2600, 1500, 1900}), all[0]);
    }

    private static double expectedPlace(int[] others, int r) {
        double sum = 1;
        for (int o : others) {
            sum += 1 / (1 + Math.pow(10, (r - o) / 400.0));
        }
        return sum;
    }
}
