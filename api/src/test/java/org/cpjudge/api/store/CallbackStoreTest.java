package org.cpjudge.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.queue.JobQueue;
import org.cpjudge.api.queue.JudgeTask;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The callback outbox: written with the verdict, each due callback claimed by one dispatcher at a time, and only
 * the dispatcher holding the current claim may record its outcome.
 */
class CallbackStoreTest {

    private static final Judgement AC = new Judgement(Verdict.AC, null, 5, 1000, "",
            List.of(new JudgedTest("secret/1", Verdict.AC, 5, 1000, null)));
    private static final Duration LEASE = Duration.ofMinutes(2);

    private Database db;
    private SubmissionStore submissions;
    private CallbackStore callbacks;
    private long userId;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabaseAccess.freshDatabase();
        submissions = new SubmissionStore(db);
        callbacks = new CallbackStore(db);
        userId = new UserStore(db).create("hooked", "ai", "contestant", null, null).orElseThrow().user().id();
        new ProblemStore(db).insert(new StoredProblem("p", "P", 1000, 256, 1, "hash"), new byte[] {1}, userId);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private UUID submit(String callbackUrl) throws Exception {
        return submissions.create(new NewSubmission(userId, "p", "c", "[{\"name\":\"a\",\"content\":\"\"}]", null,
                null, callbackUrl));
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theVerdictsTransactionWritesTheCallbackOnlyForASubmissionWithAUrl() throws Exception {
        UUID hooked = submit("https://hooks.example.org/a");
        UUID plain = submit(null);
        JobQueue queue = new JobQueue(db, 60);
        for (int i = 0; i < 2; i++) {
            JudgeTask t = queue.claim("w", List.of("c")).orElseThrow();
            assertTrue(queue.complete(t.jobId(), "w", AC));
        }
        assertEquals(1, count("SELECT count(*) FROM submission_callbacks WHERE submission_id = '" + hooked
                + "' AND url = 'https://hooks.example.org/a' AND state = 'pending'"));
        assertEquals(0, count("SELECT count(*) FROM submission_callbacks WHERE submission_id = '" + plain + "'"));

        // a completion that loses its lease writes neither the verdict nor a callback
        UUID late = submit("https://hooks.example.org/b");
        JudgeTask t = queue.claim("w1", List.of("c")).orElseThrow();
        assertFalse(queue.complete(t.jobId(), "someone-else", AC));
        assertEquals(0, count("SELECT count(*) FROM submission_callbacks WHERE submission_id = '" + late + "'"));
    }

    @Test
    void aClaimIsALeaseAndOnlyItsHolderRecordsTheOutcome() throws Exception {
        UUID s = submit("https://hooks.example.org/a");
        try (Connection c = db.connection()) {
            CallbackStore.enqueue(c, s, "https://hooks.example.org/a");
        }
        List<CallbackStore.DueCallback> a = callbacks.claim("api-a", 10, LEASE);
        assertEquals(1, a.size());
        assertEquals(1, a.get(0).attempt());
        assertTrue(a.get(0).secret().length() >= 40, "claimed with the user's webhook secret");
        assertEquals(List.of(), callbacks.claim("api-b", 10, LEASE), "leased to api-a");
        assertFalse(callbacks.delivered(a.get(0), "api-b", 200), "not api-b's claim");

        assertEquals("{\"v\":1}", callbacks.fixBody(a.get(0).id(), "{\"v\":1}"));
        assertEquals("{\"v\":1}", callbacks.fixBody(a.get(0).id(), "{\"v\":2}"), "the first body stays");
        assertTrue(callbacks.retryLater(a.get(0), "api-a", 500, "answered 500", Duration.ZERO));

        List<CallbackStore.DueCallback> b = callbacks.claim("api-b", 10, LEASE);
        assertEquals(1, b.size());
        assertEquals(2, b.get(0).attempt());
        assertEquals("{\"v\":1}", b.get(0).body(), "a retry sends the body the first attempt fixed");
        assertFalse(callbacks.delivered(a.get(0), "api-a", 200), "api-a's claim ended");
        assertTrue(callbacks.delivered(b.get(0), "api-b", 204));
        assertEquals(List.of(), callbacks.claim("api-a", 10, LEASE));
        assertEquals(1, count("SELECT count(*) FROM submission_callbacks WHERE state = 'delivered' AND attempts = 2"
                + " AND last_status = 204 AND delivered_at IS NOT NULL"));
    }

    @Test
    void aCallbackWhoseRetryIsDueLaterIsNotClaimedBefore() throws Exception {
        UUID s = submit("https://hooks.example.org/a");
        try (Connection c = db.connection()) {
            CallbackStore.enqueue(c, s, "https://hooks.example.org/a");
        }
        CallbackStore.DueCallback cb = callbacks.claim("api-a", 1, LEASE).get(0);
        assertTrue(callbacks.retryLater(cb, "api-a", null, "refused", Duration.ofHours(1)));
        assertEquals(List.of(), callbacks.claim("api-a", 1, LEASE));
        cb = forceDue(cb);
        assertTrue(callbacks.failed(cb, "api-a", null, "refused"));
        assertEquals(List.of(), callbacks.claim("api-a", 1, LEASE), "a failed callback is never tried again");
        assertEquals(1, count("SELECT count(*) FROM submission_callbacks WHERE state = 'failed' AND last_error = 'refused'"));
    }

    private CallbackStore.DueCallback forceDue(CallbackStore.DueCallback cb) throws Exception {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE submission_callbacks SET next_attempt_at = now() WHERE id = ?")) {
            q.setLong(1, cb.id());
            q.executeUpdate();
        }
        return callbacks.claim("api-a", 1, LEASE).get(0);
    }

    @Test
    void dispatchersClaimingAtOnceNeverShareACallback() throws Exception {
        UUID s = submit("https://hooks.example.org/a");
        try (Connection c = db.connection()) {
            for (int i = 0; i < 200; i++) {
                CallbackStore.enqueue(c, s, "https://hooks.example.org/" + i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> claims = new ArrayList<>();
            for (int d = 0; d < 4; d++) {
                String dispatcher = "api-" + d;
                Callable<List<Long>> drain = () -> {
                    List<Long> mine = new ArrayList<>();
                    for (List<CallbackStore.DueCallback> got = callbacks.claim(dispatcher, 7, LEASE); !got.isEmpty();
                         got = callbacks.claim(dispatcher, 7, LEASE)) {
                        got.forEach(cb -> mine.add(cb.id()));
                    }
                    return mine;
                };
                claims.add(pool.submit(drain));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : claims) {
                all.addAll(f.get());
            }
            Set<Long> distinct = new HashSet<>(all);
            assertEquals(200, all.size(), "every callback claimed");
            assertEquals(200, distinct.size(), "none claimed twice");
            assertEquals(Optional.of(1L), Optional.of(count("SELECT max(attempts) FROM submission_callbacks")));
        } finally {
            pool.shutdownNow();
        }
    }
}
