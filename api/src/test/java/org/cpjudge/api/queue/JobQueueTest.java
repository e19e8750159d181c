package org.cpjudge.api.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.store.JudgedTest;
import org.cpjudge.api.store.Judgement;
import org.cpjudge.api.store.NewSubmission;
import org.cpjudge.api.store.PastJudgement;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.api.store.SubmissionView;
import org.cpjudge.api.store.UserStore;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL judge queue: each job to exactly one worker, leases that run out, results only from the holder,
 * classes claimed in priority order, round-robin between users within a class, retries, and rejudges.
 */
class JobQueueTest {

    private static final String ATTEMPT = "{\"group\":\"g\",\"index\":1}";
    private static final Judgement AC = new Judgement(Verdict.AC, null, 5, 1000, "",
            List.of(new JudgedTest("secret/1", Verdict.AC, 5, 1000, null)));

    private Database db;
    private SubmissionStore submissions;
    private long userId;
    private UserStore users;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabaseAccess.freshDatabase();
        submissions = new SubmissionStore(db);
        users = new UserStore(db);
        userId = user("queue_user");
        new ProblemStore(db).insert(new StoredProblem("p", "P", 1000, 256, 1, "hash"), new byte[] {1}, userId);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long user(String handle) throws Exception {
        return users.create(handle, "human", "contestant", null, null).orElseThrow().user().id();
    }

    private UUID submit() throws Exception {
        return submit("c");
    }

    private UUID submit(String language) throws Exception {
        return submit(userId, language, null, null);
    }

    private UUID submit(long user, String language, String contest, String attempt) throws Exception {
        return submissions.create(new NewSubmission(user, "p", language, "[{\"name\":\"a\",\"content\":\"\"}]",
                contest, attempt));
    }

    private static List<UUID> drain(JobQueue queue, String worker) throws Exception {
        List<UUID> order = new ArrayList<>();
        for (Optional<JudgeTask> t = queue.claim(worker, List.of("c")); t.isPresent(); t = queue.claim(worker, List.of("c"))) {
            order.add(t.get().submissionId());
        }
        return order;
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        Set<UUID> queued = new HashSet<>();
        long other = user("other_user");
        for (int i = 0; i < 60; i++) {
            queued.add(submit(i % 2 == 0 ? userId : other, "c", i % 3 == 0 ? "live" : null, i % 3 == 1 ? ATTEMPT : null));
        }
        JobQueue queue = new JobQueue(db, 60);
        Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        List<UUID> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String worker = "w" + w;
            workers.add(pool.submit(() -> {
                for (Optional<JudgeTask> t = queue.claim(worker, List.of("c")); t.isPresent(); t = queue.claim(worker, List.of("c"))) {
                    if (!claimed.add(t.get().submissionId())) {
                        synchronized (duplicates) {
                            duplicates.add(t.get().submissionId());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        assertEquals(List.of(), duplicates);
        assertEquals(queued, claimed);
    }

    @Test
    void aJobWhoseLeaseRanOutIsClaimedAgainAndOnlyTheNewHolderMayComplete() throws Exception {
        UUID id = submit();
        JobQueue shortLeases = new JobQueue(db, 1);
        JudgeTask first = shortLeases.claim("dying-worker", List.of("c")).orElseThrow();
        assertEquals(1, first.attempt());
        assertTrue(shortLeases.claim("other", List.of("c")).isEmpty(), "a held job is not claimable");
        Thread.sleep(1500);
        JudgeTask second = shortLeases.claim("rescuer", List.of("c")).orElseThrow();
        assertEquals(id, second.submissionId());
        assertEquals(2, second.attempt());
        assertFalse(shortLeases.renew(first.jobId(), "dying-worker"), "the old holder lost the lease");

        assertFalse(shortLeases.complete(first.jobId(), "dying-worker", AC), "a lost lease writes nothing");
        assertEquals(SubmissionStatus.QUEUED, submissions.find(id).orElseThrow().status());
        assertTrue(submissions.find(id).orElseThrow().history().isEmpty());
        assertTrue(shortLeases.complete(second.jobId(), "rescuer", AC));
        SubmissionView done = submissions.find(id).orElseThrow();
        assertEquals(SubmissionStatus.DONE, done.status());
        assertEquals(Verdict.AC, done.verdict());
        assertEquals(1, done.testcases().size());
        assertEquals(List.of(Verdict.AC), done.history().stream().map(PastJudgement::verdict).toList());
        assertTrue(shortLeases.claim("anyone", List.of("c")).isEmpty(), "a completed job leaves the queue");
        assertEquals(0, shortLeases.depth());
    }

    @Test
    void aWorkerTakesOnlyJobsInLanguagesItCanJudge() throws Exception {
        UUID rust = submit("rust");
        UUID c = submit("c");
        JobQueue queue = new JobQueue(db, 60);
        assertEquals(c, queue.claim("c-only", List.of("c", "cpp")).orElseThrow().submissionId(),
                "the older rust job is left for a worker with rust");
        assertTrue(queue.claim("c-only", List.of("c", "cpp")).isEmpty());
        assertEquals(rust, queue.claim("has-rust", List.of("rust")).orElseThrow().submissionId());
    }

    @Test
    void jobsAreClaimedOldestFirst() throws Exception {
        UUID a = submit();
        UUID b = submit();
        JobQueue queue = new JobQueue(db, 60);
        assertEquals(a, queue.claim("w", List.of("c")).orElseThrow().submissionId());
        assertEquals(b, queue.claim("w", List.of("c")).orElseThrow().submissionId());
    }

    @Test
    void classesAreClaimedLiveContestThenPracticeThenBatchesThenRejudges() throws Exception {
        JobQueue queue = new JobQueue(db, 60);
        UUID judged = submit();
        JudgeTask first = queue.claim("w", List.of("c")).orElseThrow();
        assertTrue(queue.complete(first.jobId(), "w", AC));
        // queued in the reverse of the order they must be claimed in
        new Rejudge(db, submissions).submission(judged, false);
        UUID attempt = submit(userId, "c", null, ATTEMPT);
        UUID practice = submit();
        UUID live = submit(userId, "c", "round", null);

        List<JudgeTask> claimed = new ArrayList<>();
        for (Optional<JudgeTask> t = queue.claim("w", List.of("c")); t.isPresent(); t = queue.claim("w", List.of("c"))) {
            claimed.add(t.get());
        }
        assertEquals(List.of(live, practice, attempt, judged), claimed.stream().map(JudgeTask::submissionId).toList());
        assertEquals(List.of(JobPriority.LIVE_CONTEST, JobPriority.PRACTICE, JobPriority.BATCH, JobPriority.REJUDGE),
                claimed.stream().map(JudgeTask::priority).toList());
    }

    @Test
    void oneUsersBacklogNeverHoldsUpAnotherUsersSingleSubmission() throws Exception {
        long lab = user("ai_lab");
        long y = user("user_y");
        long z = user("user_z");
        List<UUID> backlog = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            backlog.add(submit(lab, "c", null, ATTEMPT));
        }
        UUID single = submit(y, "c", null, ATTEMPT);
        JobQueue queue = new JobQueue(db, 60);
        List<UUID> order = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            order.add(queue.claim("w", List.of("c")).orElseThrow().submissionId());
        }
        assertTrue(order.contains(single), "Y's one job is among the first two claimed: " + order);

        // halfway through the backlog, a third user arrives: served at the current round, not after the backlog
        for (int i = 0; i < 100; i++) {
            order.add(queue.claim("w", List.of("c")).orElseThrow().submissionId());
        }
        UUID late = submit(z, "c", null, ATTEMPT);
        List<UUID> nextTwo = List.of(queue.claim("w", List.of("c")).orElseThrow().submissionId(),
                queue.claim("w", List.of("c")).orElseThrow().submissionId());
        assertTrue(nextTwo.contains(late), "Z's job is among the next two claimed: " + nextTwo);
        order.addAll(nextTwo);
        order.addAll(drain(queue, "w"));
        assertEquals(202, order.size());
        order.retainAll(backlog);
        assertEquals(backlog, order, "a user's own jobs keep their order");
    }

    @Test
    void aFailedJudgingIsRetriedAfterAPauseThenGivenUp() throws Exception {
        UUID id = submit();
        JobQueue queue = new JobQueue(db, 60);
        FailurePolicy policy = new FailurePolicy();
        Exception boom = new IllegalStateException("boom");
        JudgeTask first = queue.claim("w", List.of("c")).orElseThrow();
        assertNull(policy.beforeJudging(first));
        var retry = (FailurePolicy.RetryAfter) policy.afterFailure(first, boom);
        assertTrue(queue.retryLater(first.jobId(), "w", Duration.ofMillis(800)));
        assertTrue(queue.claim("w", List.of("c")).isEmpty(), "not claimable during the pause");
        Thread.sleep(1000);
        JudgeTask second = queue.claim("w2", List.of("c")).orElseThrow();
        assertEquals(id, second.submissionId());
        assertEquals(2, second.attempt());
        assertFalse(queue.complete(first.jobId(), "w", AC), "the job was given back: the first worker holds nothing");
        var longer = (FailurePolicy.RetryAfter) policy.afterFailure(second, boom);
        assertTrue(longer.pause().compareTo(retry.pause()) > 0, "each pause is longer");
        assertTrue(queue.retryLater(second.jobId(), "w2", Duration.ZERO));
        JudgeTask third = queue.claim("w3", List.of("c")).orElseThrow();
        var giveUp = (FailurePolicy.GiveUp) policy.afterFailure(third, boom);
        assertEquals(Verdict.JE, giveUp.judgement().verdict(), "the last try is not given back");
        assertTrue(giveUp.judgement().compileOutput().contains("boom"));
        assertTrue(queue.retryLater(third.jobId(), "w3", Duration.ZERO)); // as if its worker died instead
        JudgeTask fourth = queue.claim("w4", List.of("c")).orElseThrow();
        assertEquals(Verdict.JE, policy.beforeJudging(fourth).judgement().verdict(), "three claims died: not judged again");
        assertTrue(queue.complete(fourth.jobId(), "w4", policy.beforeJudging(fourth).judgement()));
        assertEquals(Verdict.JE, submissions.find(id).orElseThrow().verdict());
    }

    @Test
    void aJobHandedBackAtShutdownIsClaimableAtOnceAndItsClaimIsNotCountedAsATry() throws Exception {
        UUID id = submit();
        JobQueue queue = new JobQueue(db, 600);
        JudgeTask held = queue.claim("stopping", List.of("c")).orElseThrow();
        assertTrue(queue.claim("other", List.of("c")).isEmpty(), "leased for 600 s");
        assertTrue(queue.handBack(held.jobId(), "stopping"));
        assertFalse(queue.handBack(held.jobId(), "stopping"), "it holds it no longer");
        JudgeTask next = queue.claim("other", List.of("c")).orElseThrow();
        assertEquals(id, next.submissionId(), "claimable at once, not after the lease");
        assertEquals(1, next.attempt(), "the shutdown's claim was not a failed try");
        assertFalse(queue.complete(held.jobId(), "stopping", AC), "the result of the abandoned judging is refused");
        assertTrue(queue.complete(next.jobId(), "other", AC));
        assertEquals(Verdict.AC, submissions.find(id).orElseThrow().verdict());
    }

    @Test
    void aRejudgeKeepsTheOldVerdictQueuesOnceAndNotifiesTheApiNodes() throws Exception {
        JobQueue queue = new JobQueue(db, 60);
        UUID id = submit(userId, "c", "round7", null);
        try (Connection listen = db.dedicatedConnection()) {
            listen.createStatement().execute("LISTEN submission_changes");
            PGConnection pg = listen.unwrap(PGConnection.class);
            assertTrue(queue.complete(queue.claim("w", List.of("c")).orElseThrow().jobId(), "w",
                    new Judgement(Verdict.WA, null, 7, 900, "", List.of())));
            assertEquals(List.of(id + " round7"), payloads(pg), "the verdict is announced with its contest");

            Rejudge rejudge = new Rejudge(db, submissions);
            assertEquals(new Rejudge.Outcome(1, 0, true), rejudge.submission(id, true), "a refusal only counts");
            assertEquals(SubmissionStatus.DONE, submissions.find(id).orElseThrow().status());
            assertEquals(new Rejudge.Outcome(1, 0, false), rejudge.submission(id, false));
            SubmissionView reset = submissions.find(id).orElseThrow();
            assertEquals(SubmissionStatus.QUEUED, reset.status());
            assertNull(reset.verdict());
            assertTrue(reset.testcases().isEmpty());
            assertEquals(List.of(Verdict.WA), reset.history().stream().map(PastJudgement::verdict).toList());
            assertEquals(List.of(id + " round7"), payloads(pg), "the reset is announced");
            assertEquals(new Rejudge.Outcome(0, 1, false), rejudge.submission(id, false), "queued already: not twice");
            assertEquals(1, queue.depth());

            JudgeTask again = queue.claim("w", List.of("c")).orElseThrow();
            assertEquals(JobPriority.REJUDGE, again.priority());
            assertEquals(new Rejudge.Outcome(0, 1, false), rejudge.contest("round7", null, false),
                    "being judged: not twice");
            assertTrue(queue.complete(again.jobId(), "w", AC));
            assertEquals(List.of(id + " round7"), payloads(pg));
            SubmissionView done = submissions.find(id).orElseThrow();
            assertEquals(Verdict.AC, done.verdict());
            assertEquals(List.of(Verdict.WA, Verdict.AC), done.history().stream().map(PastJudgement::verdict).toList());
            assertEquals(List.of(false, true), done.history().stream().map(PastJudgement::rejudge).toList());
        }
    }

    @Test
    void theSchemaAllowsExactlyTheClassesOfJobPriority() throws Exception {
        UUID id = submit();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (int level = -1; level <= JobPriority.values().length; level++) {
                var savepoint = c.setSavepoint();
                boolean known = level >= 0 && level < JobPriority.values().length;
                try (var q = c.prepareStatement("UPDATE judge_jobs SET priority = ? WHERE submission_id = ?")) {
                    q.setInt(1, level);
                    q.setObject(2, id);
                    q.executeUpdate();
                    assertTrue(known, "the schema took the unknown class " + level);
                    assertEquals(level, JobPriority.ofLevel(level).level());
                } catch (java.sql.SQLException e) {
                    assertEquals("23514", e.getSQLState(), e.getMessage());
                    assertFalse(known, "the schema refused the class " + level);
                    c.rollback(savepoint);
                }
            }
            c.rollback();
        }
    }

    private static List<String> payloads(PGConnection pg) throws Exception {
        List<String> got = new ArrayList<>();
        PGNotification[] batch = pg.getNotifications(2000);
        while (batch != null && batch.length > 0) {
            for (PGNotification n : batch) {
                got.add(n.getParameter());
            }
            batch = pg.getNotifications(200);
        }
        return got;
    }
}
