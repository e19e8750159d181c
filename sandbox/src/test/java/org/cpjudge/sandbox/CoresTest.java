package org.cpjudge.sandbox;

import static org.cpjudge.sandbox.BoxTestSupport.compileC;
import static org.cpjudge.sandbox.BoxTestSupport.limits;
import static org.cpjudge.sandbox.BoxTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each slot owns a core: two boxes running at once, on a sandbox given two box cores, report (from inside, by
 * sched_getaffinity and /proc/self/status) different single cores, and neither can move itself to another core
 * (a cgroup cpuset: v1 here, v2 in sandbox/vm with the cpuset controller delegated). Without a cpuset controller
 * (sandbox/vm's default "+memory +pids") the supervisor falls back to affinity, which the description says: each
 * box still starts on its own core and cannot move, the seccomp filter refusing sched_setaffinity.
 */
class CoresTest {

    /** Reports its cores, tries to run everywhere and on each other core, reports again, then waits a while. */
    private static final String REPORTER = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <sched.h>
            #include <stdio.h>
            #include <string.h>
            #include <unistd.h>
            static void print_mask(const char *label) {
              cpu_set_t s; CPU_ZERO(&s);
              if (sched_getaffinity(0, sizeof s, &s) != 0) { printf("%s=error\\n", label); return; }
              printf("%s=", label);
              const char *sep = "";
              for (int c = 0; c < CPU_SETSIZE; c++) if (CPU_ISSET(c, &s)) { printf("%s%d", sep, c); sep = ","; }
              printf("\\n");
            }
            int main(void) {
              print_mask("before");
              FILE *f = fopen("/proc/self/status", "r"); char line[256];
              while (f && fgets(line, sizeof line, f))
                if (!strncmp(line, "Cpus_allowed_list:", 18)) printf("status=%s", line + 19);
              if (f) fclose(f);
              cpu_set_t before; sched_getaffinity(0, sizeof before, &before);
              cpu_set_t all; CPU_ZERO(&all);
              for (int c = 0; c < 64; c++) CPU_SET(c, &all);
              printf("widen=%d\\n", sched_setaffinity(0, sizeof all, &all));
              for (int c = 0; c < 64; c++) {
                if (CPU_ISSET(c, &before)) continue;
                cpu_set_t one; CPU_ZERO(&one); CPU_SET(c, &one);
                if (sched_setaffinity(0, sizeof one, &one) == 0) printf("moved to %d\\n", c);
              }
              print_mask("after");
              fflush(stdout);
              usleep(1500 * 1000); /* so that the other box runs at the same time */
              return 0;
            }
            """;

    @TempDir
    Path state;

    @Test
    void twoBoxesAtOnceRunOnDifferentCoresAndCannotLeaveThem(@TempDir Path a, @TempDir Path b) throws Exception {
        CpuSet here = CpuSet.ofThisProcess();
        assertTrue(here.size() >= 2, "this test needs two cpus, has " + here);
        CpuSet two = CpuSet.of(here.cpus().get(0), here.cpus().get(1));
        compileC(a, "reporter", REPORTER);
        Files.copy(a.resolve("reporter"), b.resolve("reporter"));
        Files.setPosixFilePermissions(b.resolve("reporter"), Files.getPosixFilePermissions(a.resolve("reporter")));

        try (Sandbox sandbox = Sandboxes.open(state, false, two)) {
            System.out.println("sandbox: " + sandbox.describe());
            assertTrue(sandbox.describe().contains("boxes on cores " + two + " (slot i on the (i mod 2)-th)"), sandbox.describe());
            // "by cgroup v1 cpuset", "by cgroup v2 cpuset" or "by affinity only (no cpuset controller: ...)": the
            // word cpuset alone is in all three
            boolean cgroupCpuset = sandbox.describe().matches(".* by cgroup v[12] cpuset.*");
            boolean hostHasCpuset = hostHasCpusetController();
            assertEquals(hostHasCpuset, cgroupCpuset,
                    "a cgroup cpuset is used exactly when the host has the controller: " + sandbox.describe());
            if (!cgroupCpuset) {
                assertTrue(sandbox.describe().contains(" by affinity only "), "else affinity: " + sandbox.describe());
            }

            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<SandboxResult>> runs = new ArrayList<>();
                for (Path dir : List.of(a, b)) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return sandbox.run(spec(dir, limits(2000, 5000, 64 * BoxTestSupport.MB), "./reporter"));
                    }));
                }
                go.countDown();
                List<Integer> cores = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    SandboxResult r = runs.get(i).get();
                    Path dir = List.of(a, b).get(i);
                    String out = BoxTestSupport.stdout(dir);
                    System.out.println("box " + i + ": " + r + "\n" + out);
                    assertTrue(r.exitedCleanly(), r + " " + BoxTestSupport.stderr(dir));
                    Map<String, String> report = report(out);
                    String before = report.get("before");
                    assertTrue(before.matches("\\d+"), "a single core: " + out);
                    assertEquals(before, report.get("status"), "/proc/self/status agrees: " + out);
                    assertTrue(two.cpus().contains(Integer.parseInt(before)), "one of the box cores: " + out);
                    // by a cgroup cpuset or by affinity alone (the filter refuses sched_setaffinity): no move
                    assertEquals(before, report.get("after"), "it could not move: " + out);
                    assertTrue(!out.contains("moved to"), "it could not move: " + out);
                    assertEquals("-1", report.get("widen"), "widening its affinity fails: " + out);
                    cores.add(Integer.parseInt(before));
                }
                assertNotEquals(cores.get(0), cores.get(1), "two boxes at once, two cores: " + cores);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Map<String, String> report(String out) {
        Map<String, String> kv = new java.util.HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return kv;
    }

    /** A cgroup v1 cpuset hierarchy is mounted, or cgroup2's root offers the cpuset controller. */
    private static boolean hostHasCpusetController() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ");
            if (halves.length == 2 && halves[1].startsWith("cgroup ") && halves[1].matches(".*[ ,]cpuset(,.*|$)")) {
                return true;
            }
        }
        // cgroup2: the supervisors make their box cgroups in this process's cgroup (or its parent, when an
        // earlier supervisor moved us into the leaf cpjudge-host to delegate controllers)
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            if (line.startsWith("0::")) {
                String own = line.substring(3).replaceFirst("/cpjudge-host$", "");
                Path controllers = Path.of("/sys/fs/cgroup" + (own.equals("/") ? "" : own), "cgroup.controllers");
                return Files.exists(controllers)
                        && List.of(Files.readString(controllers).strip().split(" ")).contains("cpuset");
            }
        }
        return false;
    }
}
