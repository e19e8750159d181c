package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost, nothing is judged twice, when processes die: the packaged jar runs as child
 * processes on an external PostgreSQL, and is killed with SIGKILL (no shutdown hook, no cleanup).
 */
class KillDuringBurstIT {

    private static final int LEASE_SECONDS = 6;
    private static final int BURST = 200;

    @TempDir
    Path dataDir;

    /**
     * kill -9 during a burst of submissions from several clients; restarted on the same database, the server
     * judges every submission it acknowledged with a 202 exactly once (one judgement in the history, one
     * verdict), including those that were being judged when it died (taken over after their lease).
     */
    @Test
    void everyAcknowledgedSubmissionIsJudgedExactlyOnceAfterAKillDuringABurst() throws Exception {
        ChildProcessJudge judge = new ChildProcessJudge(LEASE_SECONDS);
        int port = JarServer.freePort();
        JarServer first = judge.serve(dataDir, port, 2);
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        try {
            ApiClient api = new ApiClient(port);
            List<String> tokens = ChildProcessJudge.setUp(api, 8);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            AtomicInteger sent = new AtomicInteger();
            for (String token : tokens) {
                clients.submit(() -> {
                    for (int i; (i = sent.getAndIncrement()) < BURST; ) {
                        JsonObject s = ChildProcessJudge.sum("c", i % 3 == 0 ? "WA" : "AC");
                        try {
                            var r = api.postJson("/api/v1/submissions", token, s);
                            if (r.status() == 202) {
                                acknowledged.add(UUID.fromString(r.json().getString("id")));
                            } else {
                                refused.incrementAndGet(); // not acknowledged: nothing is promised
                            }
                        } catch (Exception e) {
                            refused.incrementAndGet(); // the server died under this request
                        }
                    }
                    return null;
                });
            }
            // the kill comes in the middle of the burst, while workers are judging its first submissions
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < BURST / 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(acknowledged.size() >= BURST / 2, "half the burst acknowledged: " + acknowledged.size());
            first.kill();
            clients.shutdown();
            assertTrue(clients.awaitTermination(120, TimeUnit.SECONDS));
        } finally {
            if (first.process().isAlive()) {
                first.kill();
            }
        }
        long judgedBeforeRestart = judge.count("SELECT count(*) FROM submissions WHERE status = 'done'");
        long inFlight = judge.count("SELECT count(*) FROM judge_jobs WHERE claimed_by IS NOT NULL");
        System.out.printf("burst of %d: %d acknowledged, %d not; %d judged before the kill, %d being judged%n",
                BURST, acknowledged.size(), refused.get(), judgedBeforeRestart, inFlight);
        assertTrue(judgedBeforeRestart < acknowledged.size(), "the kill left submissions to judge");

        JarServer second = judge.serve(dataDir, port, 2);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (judge.count("SELECT count(*) FROM judge_jobs") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(0, judge.count("SELECT count(*) FROM judge_jobs"), "the queue was emptied after the restart");
            for (UUID id : acknowledged) {
                assertEquals("done", judge.value("SELECT status FROM submissions WHERE id = ?", id), "judged: " + id);
                assertEquals(1, judge.count("SELECT count(*) FROM submission_judgements WHERE submission_id = ?", id),
                        "judged exactly once: " + id);
                assertNotNull(judge.value("SELECT verdict FROM submissions WHERE id = ?", id), id.toString());
            }
            // the submissions stored whose 202 was lost with the server are judged once as well
            assertEquals(0, judge.count("SELECT count(*) FROM submissions s WHERE (SELECT count(*)"
                    + " FROM submission_judgements j WHERE j.submission_id = s.id) <> 1"), "every stored one once");
            assertEquals(0, judge.count("SELECT count(*) FROM submissions WHERE verdict NOT IN ('AC', 'WA')"),
                    "each has its own verdict, none a JE from the crash");
        } finally {
            second.stop();
        }
    }
}
