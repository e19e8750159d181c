package org.cpjudge.api.callback;

import java.time.Duration;
import java.util.Optional;

/**
 * When a callback whose receiver did not answer 2xx is tried again: after {@code first}, then twice as long each
 * time, never longer than {@code longest}, and not at all after {@code attempts} attempts.
 */
public record RetrySchedule(Duration first, Duration longest, int attempts) {

    /** 5 s, 10 s, 20 s, ... 2560 s (43 min), then one hour: 12 attempts over about 2.4 hours, then failed. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), 12);

    /** The pause after the {@code made}-th failed attempt, or empty when that was the last one allowed. */
    public Optional<Duration> after(int made) {
        if (made >= attempts) {
            return Optional.empty();
        }
        Duration pause = first;
        for (int i = 1; i < made && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return Optional.of(pause.compareTo(longest) > 0 ? longest : pause);
    }
}
