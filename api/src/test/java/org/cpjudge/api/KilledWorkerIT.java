package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A judge worker process that dies loses no job and judges none twice: the packaged jar runs as an API process
 * and worker processes on an external PostgreSQL, and the worker is killed with SIGKILL mid-judging.
 */
class KilledWorkerIT {

    private static final int LEASE_SECONDS = 6;

    @TempDir
    Path dataDir;
    @TempDir
    Path workerDir;

    /**
     * A worker process killed with SIGKILL while it judges: its job stays claimed until its lease runs out, then
     * another worker takes it over, and the submission gets one verdict.
     */
    @Test
    void aKilledWorkersJobIsTakenOverAfterItsLeaseAndJudgedOnce() throws Exception {
        ChildProcessJudge judge = new ChildProcessJudge(LEASE_SECONDS);
        int port = JarServer.freePort();
        JarServer api = judge.api(dataDir, port);
        List<JarServer> started = new ArrayList<>(List.of(api));
        try {
            var doomed = judge.worker(workerDir, 1);
            started.add(doomed.process());
            api.awaitReady();
            ApiClient client = new ApiClient(port);
            String token = ChildProcessJudge.setUp(client, 1).get(0);
            UUID id = UUID.fromString(ChildProcessJudge.submit(client, token, ChildProcessJudge.slowSum(1)));
            judge.awaitStatus(id, "running", 120);
            String holder = (String) judge.value("SELECT claimed_by FROM judge_jobs WHERE submission_id = ?", id);
            assertNotNull(holder);
            assertTrue(holder.matches(doomed.idPattern().replace("%", ".*")), holder);

            doomed.process().kill();
            Timestamp leaseUntil = (Timestamp) judge.value("SELECT lease_until FROM judge_jobs WHERE submission_id = ?", id);
            assertTrue((Boolean) judge.value("SELECT ?::timestamptz > now()", leaseUntil),
                    "the dead worker's lease still runs");

            var heir = judge.worker(workerDir, 1);
            started.add(heir.process());
            judge.awaitStatus(id, "done", 120);
            JsonObject judged = client.get("/api/v1/submissions/" + id, null).json();
            assertEquals("AC", judged.getString("verdict"), judged.encode());
            assertEquals(1, judged.getJsonArray("history").size(), "one verdict: " + judged);
            Timestamp judgedAt = (Timestamp) judge.value(
                    "SELECT judged_at FROM submission_judgements WHERE submission_id = ?", id);
            assertFalse(judgedAt.before(leaseUntil), "taken over only after the lease ran out: judged " + judgedAt
                    + ", lease until " + leaseUntil);
            assertEquals(0, judge.count("SELECT count(*) FROM judge_jobs"));
        } finally {
            for (JarServer s : started) {
                if (s.process().isAlive()) {
                    s.stop();
                }
            }
        }
    }
}
