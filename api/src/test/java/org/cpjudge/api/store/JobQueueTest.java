package org.cpjudge.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL judge queue: each job to exactly one worker, leases that run out, and results only from the holder. */
class JobQueueTest {

    private Database db;
    private SubmissionStore submissions;
    private long userId;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabaseAccess.freshDatabase();
        submissions = new SubmissionStore(db);
        userId = new UserStore(db).create("queue_user", "human", "contestant", null, null).orElseThrow().user().id();
        new ProblemStore(db).insert(new StoredProblem("p", "P", 1000, 256, 1, "hash"), new byte[] {1}, userId);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private UUID submit() throws Exception {
        return submit("c");
    }

    private UUID submit(String language) throws Exception {
        return submissions.create(new NewSubmission(userId, "p", language, "[{\"name\":\"a\",\"content\":\"\"}]", null, null));
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        Set<UUID> queued = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            queued.add(submit());
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

        Judgement ac = new Judgement("AC", null, 5, 1000, "", List.of(new JudgedTest("secret/1", "AC", 5, 1000, null)));
        assertFalse(submissions.complete(first.jobId(), "dying-worker", id, ac), "a lost lease writes nothing");
        assertEquals("queued", submissions.find(id).orElseThrow().status());
        assertTrue(submissions.complete(second.jobId(), "rescuer", id, ac));
        SubmissionView done = submissions.find(id).orElseThrow();
        assertEquals("done", done.status());
        assertEquals("AC", done.verdict());
        assertEquals(1, done.testcases().size());
        assertTrue(shortLeases.claim("anyone", List.of("c")).isEmpty(), "a completed job leaves the queue");
        try (Connection c = db.connection(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM judge_jobs")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
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
}
