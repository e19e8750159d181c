package org.cpjudge.sandbox;

import static org.cpjudge.sandbox.BoxTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void interactiveRunsTalkThroughFifos(@TempDir Path sol, @TempDir Path inter) throws Exception {
        Path toSol = dir.resolve("to-solution");
        Path toInter = dir.resolve("to-interactor");
        for (Path f : List.of(toSol, toInter)) {
            Process p = new ProcessBuilder("mkfifo", f.toString()).start();
            assertEquals(0, p.waitFor());
        }
        compileC(sol, "solution", """
                #include <stdio.h>
                int main(void){ long x; while (scanf("%ld", &x) == 1 && x >= 0) { printf("%ld\\n", x + 1); fflush(stdout); }
                  return 0; }
                """);
        compileC(inter, "interactor", """
                #include <stdio.h>
                int main(void){ for (long i = 0; i < 1000; i++) { long y; printf("%ld\\n", i); fflush(stdout);
                    if (scanf("%ld", &y) != 1 || y != i + 1) { fprintf(stderr, "wrong at %ld\\n", i); return 1; } }
                  printf("-1\\n"); fflush(stdout); return 0; }
                """);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SandboxResult> s = pool.submit(() -> sandbox().run(new SandboxSpec(List.of("./solution"), sol,
                    Map.of(), toSol, toInter, sol.resolve("err"), defaults(), List.of())));
            Future<SandboxResult> i = pool.submit(() -> sandbox().run(new SandboxSpec(List.of("./interactor"), inter,
                    Map.of(), toInter, toSol, inter.resolve("err"), defaults(), List.of())));
            SandboxResult ri = i.get();
            SandboxResult rs = s.get();
            System.out.println("interactor " + ri + " solution " + rs);
            assertTrue(ri.exitedCleanly(), ri + " " + Files.readString(inter.resolve("err")));
            assertTrue(rs.exitedCleanly(), rs.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRunsGetTheirOwnBoxes() throws Exception {
        int n = 6;
        List<Path> dirs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Path d = Files.createDirectory(dir.resolve("box" + k));
            compileC(d, "who", """
                    #include <stdio.h>
                    #include <unistd.h>
                    int main(void){ FILE *f = fopen("/tmp/mine", "w"); fprintf(f, "%d", getuid()); fclose(f);
                      usleep(200000); f = fopen("/tmp/mine", "r"); int u = -1; fscanf(f, "%d", &u);
                      printf("%d\\n", u); return u != (int) getuid(); }
                    """);
            dirs.add(d);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<SandboxResult>> fs = new ArrayList<>();
            for (Path d : dirs) {
                fs.add(pool.submit(() -> sandbox().run(spec(d, defaults(), "./who"))));
            }
            java.util.Set<String> uids = new java.util.HashSet<>();
            for (int k = 0; k < n; k++) {
                SandboxResult r = fs.get(k).get();
                assertTrue(r.exitedCleanly(), r.toString());
                uids.add(stdout(dirs.get(k)).trim());
            }
            assertEquals(n, uids.size(), "each concurrent run has its own box uid: " + uids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readOnlyBindsMakeExtraToolchainsVisible() throws Exception {
        Path py = Path.of("/root/.pyenv/versions/3.11.7");
        assertTrue(Files.isDirectory(py), "this test needs " + py);
        SandboxSpec spec = new SandboxSpec(List.of(py + "/bin/python3", "-c", "import sys; print(sys.version_info[:2])"),
                dir, Map.of(), null, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"),
                limits(10000, 20000, 256 * MB), List.of(py));
        SandboxResult r = sandbox().run(spec);
        assertTrue(r.exitedCleanly(), r + stderr(dir));
        assertEquals("(3, 11)\n", stdout(dir));
        // and it is read-only
        SandboxSpec write = new SandboxSpec(List.of("/bin/sh", "-c", "touch " + py + "/x"), dir, Map.of(), null,
                dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), defaults(), List.of(py));
        SandboxResult w = sandbox().run(write);
        assertEquals(SandboxResult.Outcome.EXITED, w.outcome());
        assertNotEquals(0, w.exitCode());
        assertFalse(Files.exists(py.resolve("x")));
    }

    /** Two judge processes on one host (here: two sandboxes in one JVM) never share a box uid. */
    @Test
    void twoSandboxesOnOneHostUseDistinctBoxUids(@TempDir Path state, @TempDir Path other) throws Exception {
        SandboxResult mine = run(dir, defaults(), "/usr/bin/id", "-u");
        assertTrue(mine.exitedCleanly(), mine.toString());
        String myUid = stdout(dir).trim();
        try (Sandbox second = Sandboxes.open(state)) {
            SandboxResult r = second.run(spec(other, defaults(), "/usr/bin/id", "-u"));
            assertTrue(r.exitedCleanly(), r.toString());
            String otherUid = Files.readString(other.resolve("stdout.txt")).trim();
            assertTrue(Integer.parseInt(otherUid) >= 60000, otherUid);
            assertNotEquals(myUid, otherUid, "both sandboxes' slot 0 got the same box uid");
            assertTrue(((SupervisorSandbox) sandbox()).boxUids().contains(Integer.parseInt(myUid)));
            assertFalse(((SupervisorSandbox) sandbox()).boxUids().contains(Integer.parseInt(otherUid)));
        }
    }
}
