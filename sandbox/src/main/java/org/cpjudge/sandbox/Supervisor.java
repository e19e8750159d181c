package org.cpjudge.sandbox;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native supervisor process serving one box slot. Not thread-safe: {@link SupervisorSandbox} hands each
 * to one caller at a time.
 *
 * <p>Protocol: the request is NUL-terminated key/value tokens ending with the key {@code run}; the answer is
 * one line {@code result outcome=.. exit=.. signal=.. cpu_us=.. wall_us=.. mem_kb=.. msg=%-encoded}.
 */
final class Supervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    final int slot;
    private final Process process;
    private final OutputStream toSupervisor;
    private final BufferedReader fromSupervisor;
    /** The hello line's key/value pairs, or the fatal message under the key "fatal". */
    final Map<String, String> hello;

    private Supervisor(int slot, Process process, BufferedReader reader, Map<String, String> hello) {
        this.slot = slot;
        this.process = process;
        this.toSupervisor = process.getOutputStream();
        this.fromSupervisor = reader;
        this.hello = hello;
    }

    static Supervisor start(Path binary, Path stateDir, int slot, boolean insecure) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--slot", Integer.toString(slot),
                "--state", stateDir.toString()));
        if (insecure) {
            cmd.add("--insecure");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear(); // nothing of the judge's environment reaches the boxes
        pb.directory(stateDir.toFile());
        Process p = pb.start();
        Thread errors = new Thread(() -> pumpStderr(p, slot), "cpjudge-supervisor-" + slot + "-stderr");
        errors.setDaemon(true);
        errors.start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        Map<String, String> hello = new HashMap<>();
        if (line == null) {
            p.destroyForcibly();
            hello.put("fatal", "the supervisor exited at start (exit " + waitExit(p) + ")");
        } else if (line.startsWith("fatal ")) {
            hello.put("fatal", line.substring(6));
            p.destroyForcibly();
        } else if (line.startsWith("hello ")) {
            for (String kv : line.substring(6).split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    hello.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        } else {
            p.destroyForcibly();
            hello.put("fatal", "unexpected line from the supervisor: " + line);
        }
        return new Supervisor(slot, p, reader, hello);
    }

    private static int waitExit(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void pumpStderr(Process p, int slot) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.warn("supervisor slot {}: {}", slot, line);
            }
        } catch (IOException e) {
            // the supervisor is gone
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Runs one spec; an IOException means this supervisor is unusable and must be discarded. */
    SandboxResult run(byte[] request) throws IOException {
        toSupervisor.write(request);
        toSupervisor.flush();
        String line = fromSupervisor.readLine();
        if (line == null) {
            throw new IOException("the supervisor of slot " + slot + " died");
        }
        return decode(line);
    }

    /**
     * The request for a spec. The work directory is resolved to its real path (the judge made it, and the
     * supervisor follows no symlink at all); standard stream files inside it are rebased onto that real path,
     * others get their (judge-made) parent directory resolved. Throws IOException when they do not exist.
     */
    static byte[] encode(SandboxSpec spec) throws IOException {
        Path given = spec.workDir().toAbsolutePath().normalize();
        Path real = given.toRealPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        for (String arg : spec.command()) {
            token(out, "arg", arg);
        }
        for (Map.Entry<String, String> e : spec.env().entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0) {
                throw new IllegalArgumentException("bad environment variable name: " + e.getKey());
            }
            token(out, "env", e.getKey() + "=" + e.getValue());
        }
        token(out, "cwd", real.toString());
        if (spec.stdin() != null) {
            token(out, "stdin", hostPath(spec.stdin(), given, real));
        }
        if (spec.stdout() != null) {
            token(out, "stdout", hostPath(spec.stdout(), given, real));
        }
        if (spec.stderr() != null) {
            token(out, "stderr", hostPath(spec.stderr(), given, real));
        }
        SandboxSpec.Limits l = spec.limits();
        token(out, "cpu_ms", Long.toString(l.cpuTimeMs()));
        token(out, "wall_ms", Long.toString(l.wallTimeMs()));
        token(out, "mem", Long.toString(l.memoryBytes()));
        token(out, "out", Long.toString(l.outputBytes()));
        token(out, "fsize", Long.toString(l.fileSizeBytes()));
        token(out, "procs", Integer.toString(l.processes()));
        for (Path bind : spec.readOnlyBinds()) {
            token(out, "bind", bind.toAbsolutePath().normalize().toString());
        }
        out.writeBytes("run".getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return out.toByteArray();
    }

    private static String hostPath(Path p, Path givenWorkDir, Path realWorkDir) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(givenWorkDir)) {
            return realWorkDir.resolve(givenWorkDir.relativize(abs)).toString();
        }
        Path parent = abs.getParent();
        return parent == null ? abs.toString() : parent.toRealPath().resolve(abs.getFileName()).toString();
    }

    private static void token(ByteArrayOutputStream out, String key, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(key + " contains a NUL character");
        }
        out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    static SandboxResult decode(String line) throws IOException {
        if (!line.startsWith("result ")) {
            throw new IOException("unexpected answer from the supervisor: " + line);
        }
        Map<String, String> kv = new HashMap<>();
        for (String part : line.substring(7).split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        try {
            SandboxResult.Outcome outcome = SandboxResult.Outcome.valueOf(kv.get("outcome"));
            String msg = URLDecoder.decode(kv.getOrDefault("msg", "").replace("+", "%2B"), StandardCharsets.UTF_8);
            return new SandboxResult(outcome,
                    Integer.parseInt(kv.get("exit")),
                    Integer.parseInt(kv.get("signal")),
                    Long.parseLong(kv.get("cpu_us")) / 1000,
                    Long.parseLong(kv.get("wall_us")) / 1000,
                    Long.parseLong(kv.get("mem_kb")),
                    msg);
        } catch (RuntimeException e) {
            throw new IOException("malformed answer from the supervisor: " + line, e);
        }
    }

    @Override
    public void close() {
        try {
            toSupervisor.close(); // end of input: the supervisor exits after its current run
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
