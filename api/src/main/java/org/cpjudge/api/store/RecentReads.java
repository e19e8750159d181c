package org.cpjudge.api.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a store read from PostgreSQL a moment ago, kept for a short while: during a contest every request of a
 * contestant looks up the same token and every submission the same problem, and answering those from memory is
 * what lets intake keep up with a burst. Only things found are kept (a token unknown a second ago may be a user
 * made since). The store that owns it calls {@link #forgetAll} when it changes what is kept, so this process
 * sees its own changes at once; a change made by another process sharing the database (or by hand in SQL) shows
 * here after at most the time to live.
 */
final class RecentReads<K, V> {

    /** How a value is read when it is not known recently. */
    @FunctionalInterface
    interface Read<K, V> {
        Optional<V> from(K key) throws SQLException;
    }

    private record Entry<V>(V value, long readAtNanos) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long timeToLiveNanos;
    private final int maxEntries;
    /** Counts {@link #forgetAll} calls, so that a read that began before one is not kept after it. */
    private final AtomicLong forgets = new AtomicLong();

    RecentReads(Duration timeToLive, int maxEntries) {
        this.timeToLiveNanos = timeToLive.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The value read less than the time to live ago, or empty when there is none (nothing is read). */
    Optional<V> recent(K key) {
        Entry<V> e = entries.get(key);
        if (e == null || System.nanoTime() - e.readAtNanos() >= timeToLiveNanos) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** The value read recently, or else read now by {@code read} (and kept when found). */
    Optional<V> get(K key, Read<K, V> read) throws SQLException {
        Optional<V> known = recent(key);
        if (known.isPresent()) {
            return known;
        }
        long before = forgets.get();
        long readAt = System.nanoTime();
        Optional<V> found = read.from(key);
        if (found.isPresent()) {
            if (entries.size() >= maxEntries) {
                // a crude bound, reached only by more distinct keys within seconds than any contest has users
                entries.clear();
            }
            entries.put(key, new Entry<>(found.get(), readAt));
            if (forgets.get() != before) {
                // forgotten while we read: what we read may be from before the change
                entries.remove(key);
            }
        }
        return found;
    }

    /** Forgets everything: the owner changed what it keeps. */
    void forgetAll() {
        forgets.incrementAndGet();
        entries.clear();
    }
}
