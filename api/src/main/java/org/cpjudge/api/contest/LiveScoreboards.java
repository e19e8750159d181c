package org.cpjudge.api.contest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ContestStore.ChangedSubmission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every contest's board in memory, kept up to date as verdicts land rather than recomputed per read.
 *
 * <p>A board is built from PostgreSQL on first use. Then one connection LISTENs on {@value #CHANNEL}
 * ("&lt;submission id&gt; &lt;contest id&gt;", sent when a contest submission's status, verdict or score
 * changes, by whichever process wrote it): the changed submissions are read again, in batches, and only their
 * contestants' rows are recomputed and re-ranked. Since a notification can be lost (the listening connection
 * broke, the process was busy), every board also polls cheaply: submissions changed lately
 * ({@code submissions.changed_at}, indexed), the contest's own row (edits, unfreeze, finalize) and a
 * fingerprint of its registrations and ratings. And before each read one indexed query tells whether the board
 * is behind what PostgreSQL holds (see {@link #board}), so every API node serves the same board.
 *
 * <p>One thread owns all the models; readers get immutable {@link PublishedBoard}s (one per view and version)
 * and subscribers get each change once, already encoded.
 */
public final class LiveScoreboards implements AutoCloseable {

    public static final String CHANNEL = SubmissionChangeListener.CHANNEL;
    private static final Logger log = LoggerFactory.getLogger(LiveScoreboards.class);
    /** The poll re-reads changes this far back: a transaction may commit a while after it stamped its row. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);
    /** Notifications arriving within this long are applied together, as one version. */
    private static final long BATCH_MILLIS = 50;

    /** Who reads the board: everyone (frozen results hidden), or the jury (everything, live). */
    public enum View {
        PUBLIC, JURY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A change of one contest's board, for streams of the public view.
     *
     * @param previous  the version this change applies to; a subscriber that has another one takes {@code board}
     * @param reset     the board was rebuilt: send it whole
     * @param rowsEvent the public rows that changed, as the SSE {@code rows} event's data (null when none did)
     */
    public record Update(String contest, long previous, long version, boolean reset, String rowsEvent,
                         PublishedBoard board) {
    }

    private final Database db;
    private final ContestStore store;
    private final long pollMillis;
    private final ScheduledExecutorService owner;
    private final Map<String, CompletableFuture<Live>> boards = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<Update>>> subscribers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<UUID> noticed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final SubmissionChangeListener listener;
    private volatile boolean closed;
    private final long idleNanos;

    /** A board nobody read or followed for this long leaves memory; the next read builds it again. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

    public LiveScoreboards(Database db, ContestStore store, Duration poll) {
        this(db, store, poll, DEFAULT_IDLE);
    }

    public LiveScoreboards(Database db, ContestStore store, Duration poll, Duration idle) {
        this.db = db;
        this.store = store;
        this.idleNanos = idle.toNanos();
        this.pollMillis = poll.toMillis();
        this.owner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scoreboards");
            t.setDaemon(true);
            return t;
        });
        owner.scheduleWithFixedDelay(this::pollAll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        this.listener = new SubmissionChangeListener(db, this::noticed);
    }

    /**
     * The board of a contest as {@code view} sees it now; empty when there is no such contest. Before
     * answering it looks, with one indexed query that began after this call (shared with the readers asking at
     * the same moment: {@link CoalescedRead}), whether anything the board depends on changed since it was
     * last brought up to date (a verdict whose notification is still on its way, a registration, an unfreeze),
     * and catches up first if so: a reader never sees a board older than what it could read elsewhere.
     */
    public Optional<PublishedBoard> board(String contestId, View view) throws Exception {
        Optional<Live> found = live(contestId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Live live = found.get();
        String stamp = live.stamps.get();
        if (stamp == null) {
            return Optional.empty();
        }
        // a moment passing (the start, the freeze) changes the public board with no write to announce it: a reader
        // must not see results the freeze already hides while the periodic poll has not come round yet
        if (!stamp.equals(live.stamp) || live.publicStandings.staleAt(Instant.now(), true)) {
            catchUp(contestId, live).get(60, TimeUnit.SECONDS);
        }
        return Optional.of(view == View.JURY ? live.jury : live.published);
    }

    /** One catch-up at a time per board; readers arriving meanwhile wait for the same one. */
    private synchronized CompletableFuture<Void> catchUp(String contestId, Live live) {
        CompletableFuture<Void> pending = live.catchingUp;
        if (pending != null && !pending.isDone()) {
            return pending;
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        live.catchingUp = f;
        owner.execute(() -> {
            try (Connection c = db.connection()) {
                poll(c, contestId, live, false);
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /**
     * What a board depends on, as one value: the contest's row (edits, unfreeze, the end, finalizing), its
     * latest submission change and its latest registration; null when the contest does not exist.
     */
    private static String stamp(Connection c, String contestId) throws Exception {
        try (PreparedStatement q = c.prepareStatement("SELECT c.updated_at, c.unfrozen_at, c.ended_at, c.finalized_at,"
                + " c.starts_at, (SELECT max(s.changed_at) FROM submissions s WHERE s.contest_id = c.id),"
                + " (SELECT max(r.registered_at) FROM contest_registrations r WHERE r.contest_id = c.id)"
                + " FROM contests c WHERE c.id = ?")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= 7; i++) {
                    b.append(rs.getTimestamp(i)).append('|');
                }
                return b.toString();
            }
        }
    }

    /** Waits until the first LISTEN is in place (changes before it arrive by the poll only); false on timeout. */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return listener.awaitListening(timeout);
    }

    /** The board of a contest already in memory, without waiting (on an event loop). */
    public Optional<PublishedBoard> loaded(String contestId, View view) {
        Live live = loaded(contestId);
        return live == null ? Optional.empty() : Optional.of(view == View.JURY ? live.jury : live.published);
    }

    /** Calls {@code listener} (on the board thread: hand work off quickly) with every change of the contest. */
    public AutoCloseable subscribe(String contestId, Consumer<Update> listener) {
        subscribers.computeIfAbsent(contestId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> subscribers.getOrDefault(contestId, List.of()).remove(listener);
    }

    private Optional<Live> live(String contestId) throws Exception {
        CompletableFuture<Live> f = boards.get(contestId);
        if (f == null) {
            CompletableFuture<Live> mine = new CompletableFuture<>();
            f = boards.putIfAbsent(contestId, mine);
            if (f == null) {
                f = mine;
                owner.execute(() -> {
                    try {
                        mine.complete(load(contestId));
                    } catch (Throwable e) {
                        mine.completeExceptionally(e);
                    }
                });
            }
        }
        try {
            Live live = f.get(60, TimeUnit.SECONDS);
            if (live != null) {
                live.lastUsedNanos = System.nanoTime();
            }
            if (live == null) {
                boards.remove(contestId, f); // no such contest (yet): ask again next time
            }
            return Optional.ofNullable(live);
        } catch (ExecutionException e) {
            boards.remove(contestId, f);
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** One contest's models and what the poll compares against. Touched by the board thread only. */
    private static final class Live {
        Contest contest;
        Standings publicStandings;
        Standings juryStandings;
        String participantsFingerprint;
        volatile String stamp;
        /** The stamp as PostgreSQL has it now, one query for the readers who ask together (see {@link #board}). */
        CoalescedRead<String> stamps;
        CompletableFuture<Void> catchingUp;
        Instant watermark;
        long version;
        volatile PublishedBoard published;
        volatile PublishedBoard jury;
        /** When a reader last asked for it; boards idle past the limit (and followed by no stream) are dropped. */
        volatile long lastUsedNanos = System.nanoTime();
    }

    private Live load(String contestId) throws Exception {
        try (Connection c = db.connection()) {
            Optional<Contest> contest = store.find(c, contestId, false);
            if (contest.isEmpty()) {
                return null;
            }
            Live live = new Live();
            live.stamp = stamp(c, contestId);
            live.stamps = new CoalescedRead<>(() -> {
                try (Connection sc = db.connection()) {
                    return stamp(sc, contestId);
                }
            }, TimeUnit.SECONDS.toMillis(60));
            live.watermark = databaseNow(c).minus(OVERLAP);
            live.contest = contest.get();
            live.participantsFingerprint = store.participantsFingerprint(c, contestId);
            List<Participant> participants = store.participants(c, contestId);
            List<ContestSubmission> tries = store.submissions(c, contestId);
            build(live, participants, tries, 1);
            return live;
        }
    }

    private static void build(Live live, List<Participant> participants, List<ContestSubmission> tries, long version) {
        Instant now = Instant.now();
        live.juryStandings = new Standings(live.contest, participants, tries, now, false);
        live.publicStandings = new Standings(live.contest, participants, tries, now, true);
        live.version = version;
        live.published = new PublishedBoard(live.publicStandings.snapshot(), version, View.PUBLIC);
        live.jury = new PublishedBoard(live.juryStandings.snapshot(), version, View.JURY);
    }

    private static Instant databaseNow(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    // ---- notifications ----

    private void noticed(UUID submission, String contestId) {
        if (!boards.containsKey(contestId)) {
            return; // contests nobody reads here
        }
        noticed.add(submission);
        if (drainScheduled.compareAndSet(false, true)) {
            owner.schedule(this::drain, BATCH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the noticed submissions again, all at once, and applies them per contest. */
    private void drain() {
        drainScheduled.set(false);
        Set<UUID> ids = new HashSet<>();
        for (UUID id; (id = noticed.poll()) != null; ) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = db.connection()) {
            Map<String, List<ChangedSubmission>> byContest = new HashMap<>();
            for (ChangedSubmission s : store.submissionsById(c, new ArrayList<>(ids))) {
                if (s.contestId() != null) {
                    byContest.computeIfAbsent(s.contestId(), k -> new ArrayList<>()).add(s);
                }
            }
            for (Map.Entry<String, List<ChangedSubmission>> e : byContest.entrySet()) {
                Live live = loaded(e.getKey());
                if (live != null && live.publicStandings.staleAt(Instant.now(), true)) {
                    // the freeze began (or the contest started) since the last poll: rebuild the views first, so
                    // that a try made in the freeze never reaches the public board or its streams
                    poll(c, e.getKey(), live, false);
                } else {
                    applyChanges(e.getKey(), e.getValue());
                }
            }
        } catch (Exception e) {
            log.warn("reading changed submissions failed ({}); the next poll catches up", e.toString());
        }
    }

    private Live loaded(String contestId) {
        CompletableFuture<Live> f = boards.get(contestId);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }

    /** Applies changed submissions to both views and publishes one new version if anything moved. */
    private void applyChanges(String contestId, List<ChangedSubmission> changes) {
        Live live = loaded(contestId);
        if (live == null || changes.isEmpty()) {
            return;
        }
        Set<Long> publicRows = new HashSet<>();
        Set<Long> publicRanks = new HashSet<>();
        Set<Long> rejudged = new HashSet<>();
        boolean juryChanged = false;
        for (ChangedSubmission s : changes) {
            if (s.changedAt().isAfter(live.watermark.plus(OVERLAP))) {
                live.watermark = s.changedAt().minus(OVERLAP);
            }
            if (live.juryStandings.holds(s.submission())) {
                continue;
            }
            // affected contestants learn that a verdict of theirs is being judged again (unless the freeze hides it)
            if (live.juryStandings.rejudges(s.submission()) && live.publicStandings.shows(s.submission())) {
                rejudged.add(s.submission().userId());
            }
            juryChanged |= !live.juryStandings.apply(s.submission(), false).none();
            Standings.Changes p = live.publicStandings.apply(s.submission(), false);
            publicRows.addAll(p.rows());
            publicRanks.addAll(p.ranks());
        }
        if (!juryChanged && publicRows.isEmpty() && publicRanks.isEmpty()) {
            return;
        }
        long previous = live.version;
        Scoreboard before = live.published.scoreboard();
        live.version++;
        live.jury = new PublishedBoard(live.juryStandings.snapshot(), live.version, View.JURY);
        live.published = new PublishedBoard(live.publicStandings.snapshot(), live.version, View.PUBLIC);
        String event = publicRows.isEmpty() && publicRanks.isEmpty() ? null
                : RowsEvent.encode(contestId, previous, live.version, before, live.publicStandings, publicRows,
                        rejudged);
        notifySubscribers(new Update(contestId, previous, live.version, false, event, live.published));
    }

    private void notifySubscribers(Update update) {
        for (Consumer<Update> s : subscribers.getOrDefault(update.contest(), List.of())) {
            try {
                s.accept(update);
            } catch (RuntimeException e) {
                log.warn("a scoreboard subscriber failed: {}", e.toString());
            }
        }
    }

    // ---- the poll: lost notifications, edits, registrations, the freeze ----

    private void pollAll() {
        for (String contestId : List.copyOf(boards.keySet())) {
            Live live = loaded(contestId);
            if (live == null || closed) {
                continue;
            }
            if (System.nanoTime() - live.lastUsedNanos > idleNanos
                    && subscribers.getOrDefault(contestId, List.of()).isEmpty()) {
                boards.remove(contestId); // a finished contest nobody looks at no longer holds memory
                continue;
            }
            try (Connection c = db.connection()) {
                poll(c, contestId, live, true);
            } catch (Exception e) {
                log.warn("polling the board of contest {} failed: {}", contestId, e.toString());
            }
        }
    }

    /**
     * Brings one board up to date. {@code full}: also look for changed names and ratings of the contestants
     * (the periodic poll); otherwise only for new registrations, which move the stamp.
     */
    private void poll(Connection c, String contestId, Live live, boolean full) throws Exception {
        String stamp = stamp(c, contestId);
        Optional<Contest> contest = store.find(c, contestId, false);
        if (contest.isEmpty() || stamp == null) {
            boards.remove(contestId);
            return;
        }
        boolean registrations = live.stamp == null
                || !stamp.substring(stamp.lastIndexOf('|', stamp.length() - 2)).equals(
                        live.stamp.substring(live.stamp.lastIndexOf('|', live.stamp.length() - 2)));
        String fingerprint = full || registrations ? store.participantsFingerprint(c, contestId)
                : live.participantsFingerprint;
        Instant now = Instant.now();
        boolean rebuild = !contest.get().equals(live.contest) || !fingerprint.equals(live.participantsFingerprint)
                || live.publicStandings.staleAt(now, true);
        if (rebuild) {
            live.contest = contest.get();
            live.participantsFingerprint = fingerprint;
            List<ContestSubmission> tries = live.juryStandings.tries();
            long previous = live.version;
            build(live, store.participants(c, contestId), tries, previous + 1);
            notifySubscribers(new Update(contestId, previous, live.version, true, null, live.published));
        }
        applyChanges(contestId, store.submissionsChangedSince(c, contestId, live.watermark));
        live.stamp = stamp;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        owner.shutdownNow();
        listener.close();
    }
}
