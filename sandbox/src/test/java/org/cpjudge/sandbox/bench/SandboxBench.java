package org.cpjudge.sandbox.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxSpec;
import org.cpjudge.sandbox.Sandboxes;

/**
 * Figures for the sandbox (not a test): overhead against a bare fork+exec, CPU time accuracy, throughput.
 * Run: /work/shared/tools/contained mvn -B -o -pl sandbox verify -Pbench
 */
public final class SandboxBench {
    private static final long MB = 1 << 20;

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 200);
        Path work = Files.createTempDirectory("cpjudge-bench");
        Path state = Paths.get(System.getProperty("bench.state", "target/bench-state")).toAbsolutePath();
        compile(work, "trivial", "int main(void){return 0;}");
        compile(work, "burn", """
                #include <stdio.h>
                #include <stdlib.h>
                #include <time.h>
                int main(int argc, char **argv){ long n = atol(argv[1]); volatile unsigned long x = 0;
                  for (long i = 0; i < n; i++) x += i;
                  struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
                  printf("%ld\\n", t.tv_sec * 1000000L + t.tv_nsec / 1000); return 0; }
                """);
        SandboxSpec.Limits limits = new SandboxSpec.Limits(5000, 10000, 256 * MB, 16 * MB, 16 * MB, 16);
        try (Sandbox sandbox = Sandboxes.open(state)) {
            System.out.println("sandbox: " + sandbox.describe());
            System.out.println("cores: " + Runtime.getRuntime().availableProcessors());

            // 1. overhead
            SandboxSpec trivial = spec(work, limits, "./trivial");
            for (int i = 0; i < 20; i++) {
                check(sandbox.run(trivial));
                bare(work, "./trivial");
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                check(sandbox.run(trivial));
            }
            double boxMs = (System.nanoTime() - t0) / 1e6 / runs;
            t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                bare(work, "./trivial");
            }
            double bareMs = (System.nanoTime() - t0) / 1e6 / runs;
            System.out.printf("overhead: %d runs of a trivial C program: sandbox %.2f ms/run, bare ProcessBuilder "
                    + "%.2f ms/run, difference %.2f ms, ratio %.2f%n", runs, boxMs, bareMs, boxMs - bareMs, boxMs / bareMs);

            // 1b. what spawning a supervisor per run would add: start one, read its hello line, end it
            Path binary = state.resolve("cpjudge-supervisor");
            int spawns = 50;
            t0 = System.nanoTime();
            for (int i = 0; i < spawns; i++) {
                Process p = new ProcessBuilder(binary.toString(), "--slot", "63", "--state", state.toString()).start();
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
                p.getOutputStream().close();
                p.waitFor();
            }
            System.out.printf("spawning a supervisor per run would add %.2f ms/run (start + detection + exit)%n",
                    (System.nanoTime() - t0) / 1e6 / spawns);

            // 2. accuracy: calibrate ~300 ms of CPU outside, then 30 runs in the box
            long n = 100_000_000L;
            long self = Long.parseLong(bare(work, "./burn", Long.toString(n)).trim());
            n = n * 300_000 / Math.max(self, 1);
            // interleaved, so that the load of the machine drifts alike for both
            List<Double> outside = new ArrayList<>();
            List<Double> inside = new ArrayList<>();
            List<Double> insideSelf = new ArrayList<>();
            SandboxSpec burn = spec(work, limits, "./burn", Long.toString(n));
            for (int i = 0; i < 30; i++) {
                outside.add(Long.parseLong(bare(work, "./burn", Long.toString(n)).trim()) / 1000.0);
                SandboxResult r = check(sandbox.run(burn));
                inside.add((double) r.cpuTimeMs());
                insideSelf.add(Long.parseLong(Files.readString(work.resolve("stdout.txt")).trim()) / 1000.0);
            }
            System.out.printf("accuracy: 30 runs of ~300 ms CPU: sandbox (cgroup) mean %.1f ms, stdev/mean %.2f%%; "
                            + "program's own clock inside mean %.1f ms; outside (bare, own clock) mean %.1f ms, "
                            + "stdev/mean %.2f%%; sandbox vs outside %+.2f%%%n",
                    mean(inside), 100 * stdev(inside) / mean(inside), mean(insideSelf), mean(outside),
                    100 * stdev(outside) / mean(outside), 100 * (mean(inside) / mean(outside) - 1));

            // 3. throughput with 2 concurrent callers
            int perThread = runs;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Path> dirs = List.of(Files.createTempDirectory("cpjudge-bench-a"), Files.createTempDirectory("cpjudge-bench-b"));
            for (Path d : dirs) {
                Files.copy(work.resolve("trivial"), d.resolve("trivial"));
            }
            t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (Path d : dirs) {
                fs.add(pool.submit(() -> {
                    SandboxSpec s = spec(d, limits, "./trivial");
                    for (int i = 0; i < perThread; i++) {
                        check(sandbox.run(s));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            System.out.printf("throughput: 2 concurrent callers, %d trivial runs: %.0f runs/s%n", 2 * perThread,
                    2 * perThread / secs);
        }
    }

    private static SandboxSpec spec(Path work, SandboxSpec.Limits limits, String... cmd) {
        return new SandboxSpec(List.of(cmd), work, Map.of(), null, work.resolve("stdout.txt"), null, limits, List.of());
    }

    private static SandboxResult check(SandboxResult r) {
        if (!r.exitedCleanly()) {
            throw new IllegalStateException("run failed: " + r);
        }
        return r;
    }

    private static String bare(Path work, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bare run failed: " + out);
        }
        return out;
    }

    private static void compile(Path dir, String name, String src) throws Exception {
        Files.writeString(dir.resolve(name + ".c"), src);
        Process p = new ProcessBuilder("gcc", "-O1", "-o", dir.resolve(name).toString(), dir.resolve(name + ".c").toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gcc failed");
        }
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double stdev(List<Double> xs) {
        double m = mean(xs);
        return Math.sqrt(xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (xs.size() - 1));
    }
}
