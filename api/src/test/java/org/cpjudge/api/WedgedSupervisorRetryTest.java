package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.queue.FailurePolicy;
import org.cpjudge.api.worker.WorkerPool;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.Languages;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog end to end: a supervisor that hangs during a run is killed once the run's wall limit plus the
 * margin have passed, its slot gets a fresh supervisor, and the job is tried once more on it: the submission
 * gets its own verdict, or JE when the fresh one hangs too. The sandbox is the real one started through a
 * wrapper which, while the file {@code wedge} holds a count above zero, starts a stand-in instead that says
 * hello and then never answers (as WedgedSupervisorTest's), counting down; otherwise it execs the real
 * supervisor. The API server, the database and the judge are real.
 */
class WedgedSupervisorRetryTest {

    private static final String ADMIN = "wedged-retry-admin";
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private static final String WRAPPER = """
            #!/bin/sh
            # args: --slot N --state DIR [...]; no PATH: builtins and absolute paths only
            here=$(dirname "$0")
            n=0
            [ -e "$here/wedge" ] && read -r n < "$here/wedge"
            if [ "$n" -gt 0 ]; then
              echo $((n - 1)) > "$here/wedge"
              echo $$ >> "$here/wedged-pids"
              echo "hello namespaces=yes cgroup=v1 memory=- pids=- cpu=- kill=- seccomp=yes uid=60999 cpuset=none"
              exec /bin/sleep 600
            fi
            echo $$ > "$here/live-pid"
            exec "$4/cpjudge-supervisor" "$@"
            """;

    @TempDir
    static Path dataDir;
    private static Path control;
    private static JudgeServer server;
    private static Database db;
    private static Sandbox sandbox;
    private static WorkerPool workers;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        var c = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, c.url(), c.user(), c.password(), 0, ADMIN, false));
        db = Database.open(c.url(), c.user(), c.password(), 4);
        control = Files.createDirectories(dataDir.resolve("wrapper"));
        Path wrapper = control.resolve("supervisor");
        Files.writeString(wrapper, WRAPPER);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        sandbox = Sandboxes.open(dataDir.resolve("sandbox"), false, Sandboxes.defaultBoxCores(), MARGIN, wrapper);
        Languages languages = Languages.detect();
        workers = new WorkerPool(db, new Judge(sandbox, languages, dataDir.resolve("judge")), languages,
                dataDir.resolve("problems"), 1, org.cpjudge.api.observe.JudgeMetrics.unserved(),
                ServerConfig.DEFAULT_LEASE_SECONDS);
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "sum");
        token = api.createUser(ADMIN, "wedged_sandbox_user", "ai");
        // judged once normally: the program is compiled and cached, so that later the first run is a test's
        assertEquals("WA", ApiFlowTest.awaitVerdict(api, submit()).getString("verdict"));
    }

    @AfterAll
    static void stop() {
        if (workers != null) {
            workers.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String submit() throws Exception {
        var source = Sources.SUM.get("python3").get("WA");
        JsonObject body = new JsonObject().put("problem", "sum").put("language", "python3").put("files",
                new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        var r = api.postJson("/api/v1/submissions", token, body);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    /** The next `count` supervisors started hang; the live one is killed so that the next run starts one. */
    private static void wedgeNext(int count) throws Exception {
        Files.writeString(control.resolve("wedge"), count + "\n");
        Files.deleteIfExists(control.resolve("wedged-pids"));
        long live = Long.parseLong(Files.readString(control.resolve("live-pid")).strip());
        ProcessHandle.of(live).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    private static List<Long> wedgedPids() throws Exception {
        return Files.readAllLines(control.resolve("wedged-pids")).stream().map(l -> Long.parseLong(l.strip())).toList();
    }

    @Test
    void aHangingSupervisorIsReplacedAndTheJobTriedOnceMoreGetsItsVerdict() throws Exception {
        wedgeNext(1);
        long started = System.nanoTime();
        JsonObject judged = ApiFlowTest.awaitVerdict(api, submit());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("WA", judged.getString("verdict"), "its own verdict on the retry: " + judged);
        List<Long> wedged = wedgedPids();
        assertEquals(1, wedged.size(), "one supervisor hung");
        assertFalse(ProcessHandle.of(wedged.get(0)).map(ProcessHandle::isAlive).orElse(false),
                "the hung supervisor was killed");
        assertEquals("0", Files.readString(control.resolve("wedge")).strip());
        // a test run's wall limit (3 x 1 s + 2 s for the sum problem) plus the margin passed before the kill
        assertTrue(tookMs >= 5000 + MARGIN.toMillis(), "waited out the deadline first: " + tookMs + " ms");
    }

    @Test
    void aSupervisorThatHangsAgainOnTheRetryGivesJe() throws Exception {
        wedgeNext(2);
        JsonObject judged = ApiFlowTest.awaitVerdict(api, submit());
        assertEquals("JE", judged.getString("verdict"), judged.encode());
        String why = judged.getString("compile_output");
        assertTrue(why.contains("the sandbox failed on each of " + FailurePolicy.SANDBOX_ATTEMPTS + " tries")
                && why.contains("did not answer within 6000 ms"), why);
        List<Long> wedged = wedgedPids();
        assertEquals(FailurePolicy.SANDBOX_ATTEMPTS, wedged.size(), "a fresh supervisor for the retry, which hung too");
        for (long pid : wedged) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "killed: " + pid);
        }
        // the slot recovers: the next supervisor is a real one again
        assertEquals("WA", ApiFlowTest.awaitVerdict(api, submit()).getString("verdict"));
    }
}
