package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewcomerRuleTest {

    @Test
    void codeforces2020StartsAt1400ShownAsZero() {
        assertEquals(1400, NewcomerRule.CODEFORCES_2020.initialRating());
        assertEquals(0, NewcomerRule.CODEFORCES_2020.displayedRating(1400, 0));
    }

    @Test
    void codeforces2020AddsTheBoostsOverSixContests() {
        NewcomerRule rule = NewcomerRule.CODEFORCES_2020;
        int d1 = 37;
        int d2 = -80;
        assertEquals(500 + d1, rule.displayedRating(1400 + d1, 1));
        assertEquals(500 + d1 + 350 + d2, rule.displayedRating(1400 + d1 + d2, 2));
        assertEquals(1400 + d1 + d2 - 150 - 100 - 50, rule.displayedRating(1400 + d1 + d2, 3));
        assertEquals(1400 + d1 - 50, rule.displayedRating(1400 + d1, 5));
        assertEquals(1400 + d1, rule.displayedRating(1400 + d1, 6));
        assertEquals(2345, rule.displayedRating(2345, 40));
    }

    @Test
    void startAt1500ShowsTheInternalRating() {
        assertEquals(1500, NewcomerRule.START_AT_1500.initialRating());
        assertEquals(1500, NewcomerRule.START_AT_1500.displayedRating(1500, 0));
        assertEquals(1234, NewcomerRule.START_AT_1500.displayedRating(1234, 1));
    }

    @Test
    void negativeContestCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NewcomerRule.CODEFORCES_2020.displayedRating(1400, -1));
    }

    @Test
    void ratingChangesCarryTheDisplayedRatingsOfTheRule() {
        List<Standing> standings = new ArrayList<>();
        standings.add(Standing.byScore(Contestant.newcomer("new", NewcomerRule.CODEFORCES_2020), 100, 0));
        standings.add(Standing.byScore(new Contestant("second", 1500, 1), 50, 0));
        for (int k = 0; k < 20; k++) {
            standings.add(Standing.byScore(Contestant.of("old" + k, 1300 + 20 * k), 10 - k % 5, k));
        }
        List<RatingChange> changes = new CodeforcesRating(NewcomerRule.CODEFORCES_2020).rate(standings);

        RatingChange newcomer = changes.get(0);
        assertEquals(1400, newcomer.oldRating());
        assertEquals(0, newcomer.oldDisplayedRating());
        assertEquals(500 + newcomer.delta(), newcomer.newDisplayedRating());

        RatingChange second = changes.get(1);
        assertEquals(1500 - 1400 + 500, second.oldDisplayedRating());
        assertEquals(second.newRating() - 1400 + 500 + 350, second.newDisplayedRating());

        RatingChange established = changes.get(2);
        assertEquals(established.oldRating(), established.oldDisplayedRating());
        assertEquals(established.newRating(), established.newDisplayedRating());

        // the rule changes what is shown, never the rating arithmetic
        List<RatingChange> plain = new CodeforcesRating(NewcomerRule.START_AT_1500).rate(standings);
        for (int k = 0; k < changes.size(); k++) {
            assertEquals(plain.get(k).delta(), changes.get(k).delta());
            assertEquals(plain.get(k).newRating(), plain.get(k).newDisplayedRating());
        }
    }
}
