package org.cpjudge.api.clics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where an event stands in the feed: when it happened, then a fixed order of types (configuration before the
 * teams, submissions before their judgements and runs, awards and the final state last), then its type and id.
 * The same event always gets the same token, so a client that reconnects with {@code since_token} gets every
 * event placed after it. The token is this position, opaque to clients (base64url).
 */
public record FeedToken(long micros, int order, String type, String id) implements Comparable<FeedToken> {

    private static final Comparator<FeedToken> ORDER = Comparator.comparingLong(FeedToken::micros)
            .thenComparingInt(FeedToken::order).thenComparing(FeedToken::type).thenComparing(FeedToken::id);

    static FeedToken at(Instant t, int order, String type, String id) {
        return new FeedToken(ChronoUnit.MICROS.between(Instant.EPOCH, t), order, type, id == null ? "" : id);
    }

    Instant instant() {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    String encode() {
        String text = micros + ":" + order + ":" + type + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for anything this server did not hand out. */
    static Optional<FeedToken> parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 4);
            if (parts.length != 4 || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new FeedToken(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2], parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(FeedToken other) {
        return ORDER.compare(this, other);
    }
}
