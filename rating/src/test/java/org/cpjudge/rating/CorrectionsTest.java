package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CorrectionsTest {

    @Test
    void zeroSumShiftsByMinusMeanMinusOne() {
        int[] d = {10, 20, -3};               // sum 27: inc = -27 / 3 - 1 = -10
        Corrections.towardsZeroSum(d);
        assertArrayEquals(new int[] {0, 10, -13}, d);
    }

    @Test
    void zeroSumTruncatesTowardZero() {
        int[] positive = {5, 6};              // sum 11: -11 / 2 = -5 (not -6), inc = -6
        Corrections.towardsZeroSum(positive);
        assertArrayEquals(new int[] {-1, 0}, positive);

        int[] negative = {-5, -6};            // sum -11: 11 / 2 = 5, inc = 4
        Corrections.towardsZeroSum(negative);
        assertArrayEquals(new int[] {-1, -2}, negative);
    }

    @Test
    void zeroSumDoesNotOverflowWithAMillionLargeChanges() {
        int[] d = new int[1_000_000];
        Arrays.fill(d, 4000);                 // sum 4e9 overflows an int
        Corrections.towardsZeroSum(d);
        assertArrayEquals(new int[] {-1, -1}, Arrays.copyOf(d, 2));
    }

    @Test
    void topContendersShiftIsClampedToMinusTenAndZero() {
        int[] ratings = {2000, 1900, 1800, 1700};   // n = 4: s = min(4 * 2, 4) = 4, all of them
        int[] places = {1, 2, 3, 4};

        int[] small = {30, 10, -5, 5};               // sum 40: -40 / 4 = -10
        Corrections.topContendersZeroSum(small, ratings, places);
        assertArrayEquals(new int[] {20, 0, -15, -5}, small);

        int[] mid = {3, 2, 1, 6};                    // sum 12: -3
        Corrections.topContendersZeroSum(mid, ratings, places);
        assertArrayEquals(new int[] {0, -1, -2, 3}, mid);

        int[] large = {100, 100, 100, 100};          // -100 clamped to -10
        Corrections.topContendersZeroSum(large, ratings, places);
        assertArrayEquals(new int[] {90, 90, 90, 90}, large);

        int[] negative = {-20, 0, 0, 0};             // +5 clamped to 0
        Corrections.topContendersZeroSum(negative, ratings, places);
        assertArrayEquals(new int[] {-20, 0, 0, 0}, negative);
    }

    @Test
    void topContendersAreTheFourRootNHighestRated() {
        int n = 100;                                 // s = min(4 * 10, 100) = 40
        int[] ratings = new int[n];
        int[] places = new int[n];
        int[] d = new int[n];
        for (int k = 0; k < n; k++) {
            ratings[k] = k < 40 ? 3000 + k : 1000;
            places[k] = k + 1;
            d[k] = k < 40 ? 4 : 1000;                // top 40 sum 160: inc -4; anyone else would make it -10
        }
        Corrections.topContendersZeroSum(d, ratings, places);
        assertArrayEquals(new int[] {0, 996}, new int[] {d[0], d[99]});
    }

    @Test
    void equalRatingsAtTheCutoffAreTakenByBetterPlace() {
        int n = 100;                                 // s = 40: 39 rated 3000, then one of two rated 2000
        int[] ratings = new int[n];
        int[] places = new int[n];
        int[] d = new int[n];
        for (int k = 0; k < n; k++) {
            ratings[k] = k < 39 ? 3000 : 1000;
            places[k] = k + 3;
        }
        // the worse-placed of the tied pair comes first in input order, and has a large change
        ratings[39] = 2000;
        places[39] = 90;
        d[39] = 400;
        ratings[40] = 2000;
        places[40] = 1;
        d[40] = 0;
        Corrections.topContendersZeroSum(d, ratings, places);
        assertArrayEquals(new int[] {400, 0}, new int[] {d[39], d[40]}, "no shift: the better-placed one is in");
    }

    @Test
    void emptyContestsAreLeftAlone() {
        int[] none = {};
        Corrections.towardsZeroSum(none);
        Corrections.topContendersZeroSum(none, none, none);
        assertArrayEquals(new int[0], none);
    }
}
