package org.cpjudge.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.Test;

/** The token bucket and the rate settings, on a clock the test moves. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsLetThroughThenOneTokenComesBackPerIntervalNeverMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(new Rate(2, 3), 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.take(0), "burst token " + i);
        }
        assertEquals(SECOND / 2, bucket.take(0), "2 a second: the next token is half a second away");
        assertEquals(SECOND / 4, bucket.take(SECOND / 4), "a quarter second later, a quarter second to go");
        assertEquals(0, bucket.take(SECOND / 2));
        assertFalse(bucket.full(SECOND / 2));
        // a long quiet time refills to the burst and no further
        assertTrue(bucket.full(100 * SECOND));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.take(100 * SECOND));
        }
        assertTrue(bucket.take(100 * SECOND) > 0);
    }

    @Test
    void keyedBucketsAreSeparateAndFullOnesAreSweptAway() {
        KeyedBuckets buckets = new KeyedBuckets(new Rate(1, 1));
        assertEquals(0, buckets.take("a", 0));
        assertTrue(buckets.take("a", 0) > 0);
        assertEquals(0, buckets.take("b", 0), "b has a bucket of its own");
        buckets.sweep(SECOND / 2);
        assertEquals(2, buckets.size(), "both still owe half a token");
        buckets.sweep(2 * SECOND);
        assertEquals(0, buckets.size());
        KeyedBuckets off = new KeyedBuckets(Rate.UNLIMITED);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, off.take("a", 0));
        }
        assertEquals(0, off.size());
    }

    @Test
    void ratesAreWrittenRateColonBurstOrOff() {
        assertEquals(new Rate(0.5, 3), Rate.parse(" 0.5:3 "));
        assertTrue(Rate.parse("off").unlimited());
        for (String bad : List.of("10", "0:5", "5:0", "x:1", "1:y", "-1:2", "NaN:2", "Infinity:2")) {
            assertThrows(IllegalArgumentException.class, () -> Rate.parse(bad), bad);
        }
    }

    @Test
    void limitsAreServerSettingsWithDefaultsAndNamedErrors() {
        Limits defaults = ServerConfig.from(List.of(), Map.of()).limits();
        assertEquals(ServerConfig.defaultLimits(), defaults);
        assertTrue(defaults.submissionsPerToken().perSecond() < defaults.perToken().perSecond(),
                "submissions are limited more strictly than other requests");
        Limits set = ServerConfig.from(List.of("--submit-rate-per-token", "1:2", "--streams-per-address", "5"),
                Map.of("JUDGE_RATE_PER_ADDRESS", "off", "JUDGE_STREAMS_TOTAL", "7")).limits();
        assertEquals(new Rate(1, 2), set.submissionsPerToken());
        assertTrue(set.perAddress().unlimited());
        assertEquals(5, set.streamsPerAddress());
        assertEquals(7, set.streamsTotal());
        var e = assertThrows(ServerConfig.ConfigException.class,
                () -> ServerConfig.from(List.of("--rate-per-token", "fast"), Map.of()));
        assertTrue(e.getMessage().contains("--rate-per-token (JUDGE_RATE_PER_TOKEN)"), e.getMessage());
    }
}
