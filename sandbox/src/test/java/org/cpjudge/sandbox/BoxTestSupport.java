package org.cpjudge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared sandbox and helpers for the tests: one sandbox per test JVM, hostile programs compiled with gcc. */
final class BoxTestSupport {
    static final long MB = 1024 * 1024;
    private static Sandbox shared;

    private BoxTestSupport() {
    }

    /** The secure sandbox; fails (never skips) when this machine cannot isolate. */
    static synchronized Sandbox sandbox() {
        if (shared == null) {
            Path state = Paths.get("target", "sandbox-state").toAbsolutePath();
            shared = Sandboxes.open(state);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static SandboxSpec.Limits limits(long cpuMs, long wallMs, long memBytes) {
        return new SandboxSpec.Limits(cpuMs, wallMs, memBytes, 16 * MB, 16 * MB, 16);
    }

    static SandboxSpec.Limits defaults() {
        return limits(2000, 5000, 256 * MB);
    }

    static SandboxSpec spec(Path workDir, SandboxSpec.Limits limits, String... command) {
        return new SandboxSpec(List.of(command), workDir, Map.of("PATH", "/usr/bin:/bin"), null,
                workDir.resolve("stdout.txt"), workDir.resolve("stderr.txt"), limits, List.of());
    }

    static SandboxResult run(Path workDir, SandboxSpec.Limits limits, String... command) throws Exception {
        SandboxResult r = sandbox().run(spec(workDir, limits, command));
        System.out.println(String.join(" ", command) + " -> " + r);
        return r;
    }

    /** Compiles C source with the host's gcc (trusted: the test's own source) into workDir/name. */
    static Path compileC(Path workDir, String name, String source, String... extraFlags) throws Exception {
        Path src = workDir.resolve(name + ".c");
        Files.writeString(src, source);
        List<String> cmd = new java.util.ArrayList<>(List.of("gcc", "-O2", "-o", workDir.resolve(name).toString(),
                src.toString()));
        cmd.addAll(List.of(extraFlags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "gcc failed: " + out);
        return workDir.resolve(name);
    }

    static String stdout(Path workDir) throws IOException {
        return Files.readString(workDir.resolve("stdout.txt"));
    }

    static String stderr(Path workDir) throws IOException {
        return Files.readString(workDir.resolve("stderr.txt"));
    }
}
