package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.contest.Admission;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.contest.ContestRules;
import org.cpjudge.api.contest.LiveScoreboards;
import org.cpjudge.api.contest.PublishedBoard;
import org.cpjudge.api.contest.ScoreboardRow;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.store.ContestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory boards over a real PostgreSQL, each way a change can reach them: the NOTIFY sent when another
 * connection writes a verdict (the poll switched off, nobody reading), a read that finds the board behind
 * (the notification lost), and the fallback poll (the notification lost, nobody reading).
 */
class LiveScoreboardsTest {

    private static TestDatabases.Credentials credentials;
    private static Database db;
    private static ContestStore store;
    private static long alice;
    private static long bob;

    @BeforeAll
    static void start() throws Exception {
        credentials = TestDatabases.fresh();
        db = Database.open(credentials.url(), credentials.user(), credentials.password(), 10);
        store = new ContestStore(db);
        try (Connection c = sql(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO problems (id, name, time_limit_ms, memory_limit_mb, testcases, package_sha256,"
                    + " package_zip) VALUES ('p', 'P', 1000, 256, 1, 'x', '\\x00'::bytea)");
            alice = id(s, "INSERT INTO users (handle, kind) VALUES ('ls_alice', 'human') RETURNING id");
            bob = id(s, "INSERT INTO users (handle, kind) VALUES ('ls_bob', 'human') RETURNING id");
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static long id(Statement s, String insert) throws Exception {
        try (ResultSet rs = s.executeQuery(insert)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection sql() throws Exception {
        return DriverManager.getConnection(credentials.url(), credentials.user(), credentials.password());
    }

    /** A running contest with alice and bob registered, each with one try not judged yet. */
    private static UUID[] contest(String id) throws Exception {
        Instant start = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        assertTrue(store.create(new Contest(id, id, start, 120, 0, ContestRules.of(Scoring.ICPC), Admission.OPEN,
                List.of(new ContestProblem("p", "A", null)), null, null, null), alice));
        store.register(id, alice, null, null);
        store.register(id, bob, null, null);
        return new UUID[] {queued(id, alice, start.plusSeconds(300)), queued(id, bob, start.plusSeconds(600))};
    }

    private static UUID queued(String contest, long user, Instant at) throws Exception {
        try (Connection c = sql(); PreparedStatement q = c.prepareStatement("INSERT INTO submissions (user_id,"
                + " problem_id, language, files, contest_id, created_at) VALUES (?, 'p', 'c', '[]', ?, ?) RETURNING id")) {
            q.setLong(1, user);
            q.setString(2, contest);
            q.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return (UUID) rs.getObject(1);
            }
        }
    }

    /** Another connection writes the verdict; with {@code notify} false the notification is lost. */
    private static void accept(UUID submission, boolean notify) throws Exception {
        try (Connection c = sql()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (!notify) {
                    // only this transaction: the trigger that notifies is skipped (replication-role trick)
                    s.execute("SET LOCAL session_replication_role = replica");
                }
            }
            try (PreparedStatement q = c.prepareStatement(
                    "UPDATE submissions SET status = 'done', verdict = 'AC', changed_at = clock_timestamp() WHERE id = ?")) {
                q.setObject(1, submission);
                assertEquals(1, q.executeUpdate());
            }
            c.commit();
        }
    }

    private static ScoreboardRow row(PublishedBoard board, String handle) {
        return board.scoreboard().rows().stream().filter(r -> r.handle().equals(handle)).findFirst().orElseThrow();
    }

    @Test
    void aNotificationAloneBringsTheVerdictInAsOneChange() throws Exception {
        UUID[] tries = contest("notified");
        try (LiveScoreboards boards = new LiveScoreboards(db, store, Duration.ofHours(1))) {
            assertTrue(boards.awaitListening(Duration.ofSeconds(30)));
            PublishedBoard before = boards.board("notified", LiveScoreboards.View.PUBLIC).orElseThrow();
            assertEquals(0, row(before, "ls_alice").solved());
            BlockingQueue<LiveScoreboards.Update> updates = new LinkedBlockingQueue<>();
            boards.subscribe("notified", updates::add);
            accept(tries[0], true);
            LiveScoreboards.Update update = updates.poll(30, TimeUnit.SECONDS);
            assertNotNull(update, "no change arrived: the poll is off, so only the notification could bring it");
            assertFalse(update.reset());
            assertEquals(before.version(), update.previous());
            assertTrue(update.rowsEvent().contains("\"handle\":\"ls_alice\""), update.rowsEvent());
            assertFalse(update.rowsEvent().contains("\"handle\":\"ls_bob\""), "bob's row did not change: " + update.rowsEvent());
            PublishedBoard after = boards.loaded("notified", LiveScoreboards.View.PUBLIC).orElseThrow();
            assertEquals(update.version(), after.version());
            assertEquals(1, row(after, "ls_alice").solved());
            assertEquals(1, row(after, "ls_alice").rank());
            assertEquals(2, row(after, "ls_bob").rank());
        }
    }

    @Test
    void aReadCatchesUpWhenTheNotificationWasLost() throws Exception {
        UUID[] tries = contest("lost");
        try (LiveScoreboards boards = new LiveScoreboards(db, store, Duration.ofHours(1))) {
            assertEquals(0, row(boards.board("lost", LiveScoreboards.View.JURY).orElseThrow(), "ls_bob").solved());
            accept(tries[1], false);
            PublishedBoard jury = boards.board("lost", LiveScoreboards.View.JURY).orElseThrow();
            assertEquals(1, row(jury, "ls_bob").solved(), "the read saw the board was behind and caught up");
            assertEquals(1, row(boards.board("lost", LiveScoreboards.View.PUBLIC).orElseThrow(), "ls_bob").solved());
        }
    }

    @Test
    void thePollCatchesUpWhenTheNotificationWasLostAndNobodyReads() throws Exception {
        UUID[] tries = contest("polled");
        try (LiveScoreboards boards = new LiveScoreboards(db, store, Duration.ofMillis(200))) {
            boards.board("polled", LiveScoreboards.View.PUBLIC).orElseThrow();
            BlockingQueue<LiveScoreboards.Update> updates = new LinkedBlockingQueue<>();
            boards.subscribe("polled", updates::add);
            accept(tries[0], false);
            LiveScoreboards.Update update = updates.poll(30, TimeUnit.SECONDS);
            assertNotNull(update, "the poll did not find the change");
            assertTrue(update.rowsEvent().contains("\"handle\":\"ls_alice\""), update.rowsEvent());
            assertEquals(1, row(boards.loaded("polled", LiveScoreboards.View.PUBLIC).orElseThrow(), "ls_alice").solved());
        }
    }

    @Test
    void aBoardNobodyReadsOrFollowsLeavesMemoryAndIsBuiltAgainOnTheNextRead() throws Exception {
        UUID[] tries = contest("idle");
        try (LiveScoreboards boards = new LiveScoreboards(db, store, Duration.ofMillis(100), Duration.ofMillis(300))) {
            boards.board("idle", LiveScoreboards.View.PUBLIC).orElseThrow();
            AutoCloseable follower = boards.subscribe("idle", u -> { });
            Thread.sleep(1000);
            assertTrue(boards.loaded("idle", LiveScoreboards.View.PUBLIC).isPresent(), "a stream still follows it");
            follower.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (boards.loaded("idle", LiveScoreboards.View.PUBLIC).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(boards.loaded("idle", LiveScoreboards.View.PUBLIC).isEmpty(), "an idle board was kept");
            accept(tries[0], false);
            assertEquals(1, row(boards.board("idle", LiveScoreboards.View.PUBLIC).orElseThrow(), "ls_alice").solved(),
                    "built again from PostgreSQL on the next read");
        }
    }

    @Test
    void anUnknownContestHasNoBoard() throws Exception {
        try (LiveScoreboards boards = new LiveScoreboards(db, store, Duration.ofHours(1))) {
            assertTrue(boards.board("nope", LiveScoreboards.View.PUBLIC).isEmpty());
        }
    }
}
