package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TitleTest {

    @Test
    void boundaries() {
        int[][] cases = {
            {-500, 0}, {0, 0}, {1199, 0}, {1200, 1}, {1399, 1}, {1400, 2}, {1599, 2}, {1600, 3}, {1899, 3},
            {1900, 4}, {2099, 4}, {2100, 5}, {2299, 5}, {2300, 6}, {2399, 6}, {2400, 7}, {2599, 7},
            {2600, 8}, {2999, 8}, {3000, 9}, {4000, 9},
        };
        for (int[] c : cases) {
            assertEquals(Title.values()[c[1]], Title.of(c[0]), "rating " + c[0]);
        }
        assertEquals("International Grandmaster", Title.of(2600).displayName());
        assertEquals("Newbie", Title.of(0).displayName());
    }
}
