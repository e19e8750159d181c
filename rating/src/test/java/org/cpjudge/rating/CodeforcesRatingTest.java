package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeforcesRatingTest {

    @Test
    void threeTiedForFirstAllTakePlaceThree() {
        List<Standing> s = List.of(
                Standing.byScore(Contestant.of("a", 1500), 10, 5),
                Standing.byScore(Contestant.of("b", 1500), 10, 5),
                Standing.byScore(Contestant.of("c", 1500), 10, 5),
                Standing.byScore(Contestant.of("d", 1500), 10, 6));
        assertEquals(List.of(3, 3, 3, 4), CodeforcesRating.compute(s).stream().map(RatingChange::rank).toList());
    }

    @Test
    void givenRanksAreOrderedAndTiedTheSameWay() {
        List<Standing> s = List.of(
                Standing.byRank(Contestant.of("a", 1500), 3),
                Standing.byRank(Contestant.of("b", 1500), 1),
                Standing.byRank(Contestant.of("c", 1500), 1),
                Standing.byRank(Contestant.of("d", 1500), 7));
        assertEquals(List.of(3, 2, 2, 4), CodeforcesRating.compute(s).stream().map(RatingChange::rank).toList());
    }

    @Test
    void seedIsOnePlusTheChancesOfTheOthers() {
        List<Standing> s = List.of(
                Standing.byScore(Contestant.of("a", 1500), 2, 0),
                Standing.byScore(Contestant.of("b", 1500), 1, 0));
        List<RatingChange> c = CodeforcesRating.compute(s);
        assertEquals(1.5, c.get(0).seed());
        assertEquals(1.5, c.get(1).seed());
        assertTrue(c.get(0).delta() > 0 && c.get(1).delta() < 0, c.toString());
    }

    @Test
    void aLoneContestantLosesOnePoint() {
        // need is 8000 but correction 1 takes back the whole change, minus one
        List<RatingChange> c = CodeforcesRating.compute(List.of(Standing.byScore(Contestant.of("a", 1500), 0, 0)));
        assertEquals(-1, c.get(0).delta());
    }

    @Test
    void emptyStandingsGiveNoChanges() {
        assertEquals(List.of(), CodeforcesRating.compute(List.of()));
    }

    @Test
    void invalidStandingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CodeforcesRating.compute(List.of(
                Standing.byScore(Contestant.of("a", 1500), 1, 0),
                Standing.byScore(Contestant.of("a", 1600), 0, 0))));
        assertThrows(IllegalArgumentException.class, () -> CodeforcesRating.compute(List.of(
                Standing.byScore(Contestant.of("a", 1500), 1, 0),
                Standing.byRank(Contestant.of("b", 1600), 2))));
    }

    @Test
    void targetPlaceIsTheSmallestFixedPointValueNotBelowM() {
        for (int place = 1; place <= 50; place++) {
            double seed = 1 + place * 0.37;
            java.math.BigDecimal m = new java.math.BigDecimal(Math.sqrt(place * seed))
                    .multiply(java.math.BigDecimal.valueOf(WinProbability.ONE));
            long target = CodeforcesRating.targetPlace(place, seed);
            assertTrue(java.math.BigDecimal.valueOf(target).compareTo(m) >= 0, "place " + place);
            assertTrue(java.math.BigDecimal.valueOf(target - 1).compareTo(m) < 0, "place " + place);
        }
    }

    @Test
    void winProbabilityTableIsMonotoneAndSymmetric() {
        for (int d = -WinProbability.WINDOW - 2; d <= WinProbability.WINDOW + 2; d++) {
            assertTrue(WinProbability.fixed(d) <= WinProbability.fixed(d + 1), "at " + d);
            long sum = WinProbability.fixed(d) + WinProbability.fixed(-d);
            assertTrue(Math.abs(sum - WinProbability.ONE) <= 1, "at " + d);
        }
        assertEquals(WinProbability.ONE / 2, WinProbability.fixed(0));
        assertEquals(0.5, WinProbability.of(1500, 1500));
        assertEquals(1 / (1 + Math.pow(10, -0.5)), WinProbability.of(1700, 1500), 1e-12);
    }
}
