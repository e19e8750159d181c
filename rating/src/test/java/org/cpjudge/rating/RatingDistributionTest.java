package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RatingDistributionTest {

    @Test
    void percentileCountsStrictlyLowerRatings() {
        RatingDistribution d = new RatingDistribution(new int[] {2000, 1500, 1000, 1500});
        assertEquals(0.0, d.percentile(1000));
        assertEquals(0.0, d.percentile(999));
        assertEquals(25.0, d.percentile(1500), "ties share the percentile of the lowest of them");
        assertEquals(75.0, d.percentile(1501));
        assertEquals(75.0, d.percentile(2000));
        assertEquals(100.0, d.percentile(2001));
        assertEquals(4, d.size());
    }

    @Test
    void emptyDistributionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RatingDistribution(new int[0]));
    }
}
