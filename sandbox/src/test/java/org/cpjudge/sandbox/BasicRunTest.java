package org.cpjudge.sandbox;

import static org.cpjudge.sandbox.BoxTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpjudge.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicRunTest {
    @TempDir
    Path dir;

    @Test
    void describesRealIsolation() {
        String d = sandbox().describe();
        System.out.println(d);
        assertFalse(d.contains("INSECURE"), d);
        assertTrue(d.contains("cgroup v1") || d.contains("cgroup v2"), d);
        assertTrue(d.contains("namespaces pid"), d);
    }

    @Test
    void runsProgramWithStdinAndExitCode() throws Exception {
        compileC(dir, "echo", """
                #include <stdio.h>
                int main(void) { int a, b; if (scanf("%d %d", &a, &b) != 2) return 9;
                  printf("%d\\n", a + b); fprintf(stderr, "err\\n"); return 7; }
                """);
        Files.writeString(dir.resolve("in.txt"), "2 40\n");
        SandboxSpec spec = new SandboxSpec(List.of("./echo"), dir, Map.of(), dir.resolve("in.txt"),
                dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), defaults(), List.of());
        SandboxResult r = sandbox().run(spec);
        assertEquals(Outcome.EXITED, r.outcome(), r.toString());
        assertEquals(7, r.exitCode());
        assertEquals("42\n", stdout(dir));
        assertEquals("err\n", stderr(dir));
    }

    @Test
    void runsHostToolchainByAbsolutePath() throws Exception {
        Files.writeString(dir.resolve("main.c"), "int main(void){return 0;}\n");
        SandboxResult r = run(dir, limits(10000, 20000, 512 * MB), "/usr/bin/gcc", "-O2", "-o", "main", "main.c");
        assertEquals(Outcome.EXITED, r.outcome(), r + stderr(dir));
        assertEquals(0, r.exitCode(), stderr(dir));
        SandboxResult r2 = run(dir, defaults(), "./main");
        assertTrue(r2.exitedCleanly(), r2.toString());
    }

    @Test
    void writingToAClosedPipeKillsTheProgramWithSigpipe() throws Exception {
        // the supervisor itself ignores SIGPIPE; the program must not inherit that
        compileC(dir, "writer", """
                #include <errno.h>
                #include <unistd.h>
                int main(void) { int p[2]; if (pipe(p) < 0) return 2; close(p[0]);
                  if (write(p[1], "x", 1) < 0 && errno == EPIPE) return 3; return 4; }
                """);
        SandboxResult r = run(dir, defaults(), "./writer");
        assertEquals(Outcome.SIGNALED, r.outcome(), r.toString());
        assertEquals(13, r.signal(), r.toString());
    }

    @Test
    void missingExecutableIsInternalError() throws Exception {
        SandboxResult r = run(dir, defaults(), "./nothing-here");
        assertEquals(Outcome.INTERNAL_ERROR, r.outcome());
        assertTrue(r.message().contains("nothing-here"), r.message());
    }

    @Test
    void infiniteLoopIsCpuTimeExceeded() throws Exception {
        compileC(dir, "loop", "int main(void){ volatile unsigned long i = 0; for(;;) i++; }");
        SandboxResult r = run(dir, limits(500, 5000, 64 * MB), "./loop");
        assertEquals(Outcome.CPU_TIME_EXCEEDED, r.outcome(), r.toString());
        assertTrue(r.cpuTimeMs() >= 500 && r.cpuTimeMs() < 1500, r.toString());
    }

    @Test
    void sleepIsWallTimeExceeded() throws Exception {
        compileC(dir, "sleeper", "#include <unistd.h>\nint main(void){ for(;;) pause(); }");
        SandboxResult r = run(dir, limits(1000, 700, 64 * MB), "./sleeper");
        assertEquals(Outcome.WALL_TIME_EXCEEDED, r.outcome(), r.toString());
        assertTrue(r.wallTimeMs() >= 700 && r.wallTimeMs() < 2000, r.toString());
    }

    @Test
    void touchingMoreThanTheLimitIsMemoryExceeded() throws Exception {
        compileC(dir, "hog", """
                #include <stdlib.h>
                #include <string.h>
                int main(void){ for(;;){ char *p = malloc(1<<20); if(!p) return 3; memset(p, 1, 1<<20); } }
                """);
        SandboxResult r = run(dir, limits(5000, 10000, 64 * MB), "./hog");
        assertEquals(Outcome.MEMORY_EXCEEDED, r.outcome(), r.toString());
    }

    @Test
    void measuresCpuTime() throws Exception {
        compileC(dir, "burn", """
                #include <time.h>
                int main(void){ struct timespec t; volatile unsigned long x = 0;
                  do { for (int i = 0; i < 100000; i++) x++; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); }
                  while (t.tv_sec * 1000 + t.tv_nsec / 1000000 < 300); return 0; }
                """);
        SandboxResult r = run(dir, limits(3000, 6000, 64 * MB), "./burn");
        assertEquals(Outcome.EXITED, r.outcome(), r.toString());
        assertTrue(r.cpuTimeMs() >= 290 && r.cpuTimeMs() < 600, r.toString());
        assertTrue(r.wallTimeMs() >= 290, r.toString());
    }

    @Test
    void measuresMemory() throws Exception {
        compileC(dir, "touch64", """
                #include <stdio.h>
                #include <stdlib.h>
                int main(void){ volatile char *p = malloc(64 << 20); long s = 0;
                  for (long i = 0; i < (64 << 20); i += 4096) p[i] = 1;
                  for (long i = 0; i < (64 << 20); i += 4096) s += p[i];
                  printf("%ld\\n", s); return 0; }
                """);
        SandboxResult r = run(dir, limits(3000, 6000, 256 * MB), "./touch64");
        assertTrue(r.exitedCleanly(), r.toString());
        assertTrue(r.memoryKb() >= 64 * 1024 && r.memoryKb() < 80 * 1024, r.toString());
    }
}
