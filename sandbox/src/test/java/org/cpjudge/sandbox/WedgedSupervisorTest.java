package org.cpjudge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor that never answers (wedged) does not hold its caller for ever: the run's answer is awaited for
 * its wall limit plus a margin, then the supervisor is killed and the run is an INTERNAL_ERROR, and the next run
 * gets a fresh supervisor. The supervisor here is a stand-in script speaking the protocol's hello line: the first
 * one started wedges, later ones answer at once.
 */
class WedgedSupervisorTest {

    private static final String FAKE_SUPERVISOR = """
            #!/bin/sh
            echo $$ >> pids
            echo "hello namespaces=yes cgroup=v2 kill=cgroup.kill seccomp=yes uid=60123"
            if [ -e wedged-once ]; then
              echo "result outcome=EXITED exit=0 signal=0 cpu_us=1000 wall_us=2000 mem_kb=64 msg="
            else
              : > wedged-once
            fi
            exec /bin/sleep 600
            """;

    @TempDir
    Path state;
    @TempDir
    Path work;

    @Test
    void aWedgedSupervisorIsKilledAfterTheWallLimitAndTheRunFailsAsTheSandboxs() throws Exception {
        Path fake = state.resolve("fake-supervisor");
        Files.writeString(fake, FAKE_SUPERVISOR);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        long wallMs = 1000;
        long marginMs = 500;
        try (SupervisorSandbox sandbox = SupervisorSandbox.start(fake, state, false, 4, marginMs)) {
            SandboxSpec spec = BoxTestSupport.spec(work, BoxTestSupport.limits(500, wallMs, 64 * BoxTestSupport.MB),
                    "./program");
            long started = System.nanoTime();
            SandboxResult wedged = sandbox.run(spec);
            long waitedMs = (System.nanoTime() - started) / 1_000_000;

            assertEquals(SandboxResult.Outcome.INTERNAL_ERROR, wedged.outcome(), wedged.toString());
            assertTrue(wedged.message().contains("did not answer within " + (wallMs + marginMs) + " ms"),
                    wedged.message());
            assertTrue(waitedMs >= wallMs + marginMs, "it waited the wall limit and the margin: " + waitedMs);
            List<String> pids = Files.readAllLines(state.resolve("pids"));
            long wedgedPid = Long.parseLong(pids.get(0).strip());
            assertFalse(ProcessHandle.of(wedgedPid).map(ProcessHandle::isAlive).orElse(false),
                    "the wedged supervisor was killed");

            SandboxResult next = sandbox.run(spec);
            assertEquals(SandboxResult.Outcome.EXITED, next.outcome(), "a fresh supervisor takes the next run: " + next);
            assertEquals(2, Files.readAllLines(state.resolve("pids")).size(), "one new supervisor was started");
        }
    }
}
