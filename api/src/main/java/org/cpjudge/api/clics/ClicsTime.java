package org.cpjudge.api.clics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The Contest API's two time types. The specification wants one style throughout (the optional milliseconds
 * either always or never), so every time here carries milliseconds: absolute times as
 * {@code 2026-12-01T10:00:00.000+00:00}, relative ones as {@code (-)h:mm:ss.uuu}.
 */
public final class ClicsTime {

    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private ClicsTime() {
    }

    /** TIME, or null for null (a nullable TIME property). */
    public static String absolute(Instant t) {
        return t == null ? null : ABSOLUTE.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** RELTIME: hours are not capped at 24 and a duration before the reference point is negative. */
    public static String relative(Duration d) {
        long millis = d.toMillis();
        String sign = millis < 0 ? "-" : "";
        long abs = Math.abs(millis);
        return String.format("%s%d:%02d:%02d.%03d", sign, abs / 3_600_000, abs / 60_000 % 60, abs / 1000 % 60, abs % 1000);
    }

    /** The contest time of {@code t}: how long after the start it is (negative before the start). */
    public static String contestTime(Instant start, Instant t) {
        return relative(Duration.between(start, t));
    }

    public static String minutes(long minutes) {
        return relative(Duration.ofMinutes(minutes));
    }
}
