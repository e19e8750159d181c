package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the packaged server gracefully within 10 s: it refuses new connections at once, lets the
 * request in flight finish (a submission whose body was still arriving is acknowledged and kept), hands the job
 * it was judging back to the queue instead of leaving it to wait out its lease, and after a restart that job is
 * judged once, at once.
 */
class GracefulShutdownIT {

    /** Long enough that a restart judging the job at once is told apart from one waiting out the lease. */
    private static final int LEASE_SECONDS = 120;

    @TempDir
    Path dataDir;

    @Test
    void sigtermFinishesTheRequestInFlightHandsBackTheRunningJobAndExitsWithinTenSeconds() throws Exception {
        ChildProcessJudge judge = new ChildProcessJudge(LEASE_SECONDS);
        int port = JarServer.freePort();
        JarServer first = judge.serve(dataDir, port, 1);
        UUID slow;
        String inFlightId;
        long exitMs;
        try {
            ApiClient api = new ApiClient(port);
            String token = ChildProcessJudge.setUp(api, 1).get(0);
            // about 8 s of judging (2 s a test): more than the shutdown lets a running job go on
            slow = UUID.fromString(ChildProcessJudge.submit(api, token, ChildProcessJudge.slowSum(2)));
            judge.awaitStatus(slow, "running", 120);

            try (Socket inFlight = new Socket("127.0.0.1", port)) {
                byte[] body = ChildProcessJudge.sum("python3", "AC").encode().getBytes(StandardCharsets.UTF_8);
                OutputStream out = inFlight.getOutputStream();
                out.write(("POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(500); // the server has the request's head: it is in flight

                long signalled = System.nanoTime();
                first.process().destroy(); // SIGTERM
                assertTrue(refusesNewConnections(port, 3000), "no new connection is accepted after SIGTERM");

                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(inFlight.getInputStream(),
                        StandardCharsets.UTF_8));
                String status = in.readLine();
                assertTrue(status != null && status.startsWith("HTTP/1.1 202"), "the request in flight finished: "
                        + status);
                int length = 0;
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                char[] reply = new char[length];
                for (int read = 0; read < length; ) {
                    read += in.read(reply, read, length - read);
                }
                inFlightId = new JsonObject(new String(reply)).getString("id");

                assertTrue(first.process().waitFor(10, TimeUnit.SECONDS), "exited within 10 s of SIGTERM: "
                        + first.output());
                exitMs = (System.nanoTime() - signalled) / 1_000_000;
            }
        } finally {
            if (first.process().isAlive()) {
                first.kill();
            }
        }
        System.out.printf("SIGTERM to exit: %d ms%n", exitMs);
        assertEquals(0, judge.count("SELECT count(*) FROM submission_judgements WHERE submission_id = ?", slow),
                "the running job was not finished in the grace period");
        assertNull(judge.value("SELECT claimed_by FROM judge_jobs WHERE submission_id = ?", slow), "handed back");
        assertNull(judge.value("SELECT lease_until FROM judge_jobs WHERE submission_id = ?", slow),
                "claimable at once, not after the lease");
        assertEquals("queued", judge.value("SELECT status FROM submissions WHERE id = ?", slow));
        assertEquals(1, judge.count("SELECT count(*) FROM judge_jobs WHERE submission_id = ?",
                UUID.fromString(inFlightId)), "the acknowledged request in flight is queued");

        long restarted = System.nanoTime();
        JarServer second = judge.serve(dataDir, port, 1);
        try {
            judge.awaitStatus(slow, "done", LEASE_SECONDS / 2);
            judge.awaitStatus(UUID.fromString(inFlightId), "done", LEASE_SECONDS / 2);
            System.out.printf("restart to verdict of the handed-back job: %d ms%n",
                    (System.nanoTime() - restarted) / 1_000_000);
            JsonObject judged = new ApiClient(port).get("/api/v1/submissions/" + slow, null).json();
            assertEquals("AC", judged.getString("verdict"), judged.encode());
            assertEquals(1, judged.getJsonArray("history").size(), "judged once: " + judged);
            assertEquals(1, judge.count("SELECT count(*) FROM submission_judgements WHERE submission_id = ?",
                    UUID.fromString(inFlightId)));
        } finally {
            second.stop();
        }
    }

    /** Whether new connections are refused within {@code withinMs} (the listening socket closed). */
    private static boolean refusesNewConnections(int port, long withinMs) throws Exception {
        long deadline = System.nanoTime() + withinMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            } catch (ConnectException refused) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
