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
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native supervisor process serving one box slot. Not thread-safe: {@link SupervisorSandbox} hands each
 * to one caller at a time.
 *
 * <p>Protocol: the request is NUL-terminated key/value tokens ending with the key {@code run}; the answer is
 * one line {@code result outcome=.. exit=.. signal=.. cpu_us=.. wall_us=.. mem_kb=.. msg=%-encoded}.
 *
 * <p>Its answers are read by a thread of their own into a queue, so that a caller waits for one with a timeout:
 * a supervisor that never answers (wedged) is killed instead of holding its caller, and the job it judges, for
 * ever. Killing it kills its box too (the box's init dies with its parent).
 */
final class Supervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    final int slot;
    private final Process process;
    private final OutputStream toSupervisor;
    /** Its stdout's lines; {@link #END} once it closed its stdout (exited). */
    private final BlockingQueue<String> answers;
    /** The hello line's key/value pairs, or the fatal message under the key "fatal". */
    final Map<String, String> hello;

    /** Marks the end of the supervisor's output in {@link #answers} (compared by identity). */
    private static final String END = new String("end of the supervisor's output");
    /** How long a supervisor may take to say hello (it probes namespaces and cgroups). */
    private static final long HELLO_TIMEOUT_MS = 30_000;
    /** The supervisor's switch that times each phase of a run (see trace_phase in the C sources). */
    private static final String TRACE = "CPJUDGE_SUPERVISOR_TRACE";

    private Supervisor(int slot, Process process, BlockingQueue<String> answers, Map<String, String> hello) {
        this.slot = slot;
        this.process = process;
        this.toSupervisor = process.getOutputStream();
        this.answers = answers;
        this.hello = hello;
    }

    /** @param cpus the cores its boxes run on ({@code --cpus}), or null for wherever the supervisor may */
    static Supervisor start(Path binary, Path stateDir, int slot, boolean insecure, CpuSet cpus) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--slot", Integer.toString(slot),
                "--state", stateDir.toString()));
        if (insecure) {
            cmd.add("--insecure");
        }
        if (cpus != null) {
            cmd.addAll(List.of("--cpus", cpus.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear(); // nothing of the judge's environment reaches the boxes
        String trace = System.getenv(TRACE);
        if (trace != null) {
            pb.environment().put(TRACE, trace); // the phases of each run on stderr, which is logged (a benchmark's aid)
        }
        pb.directory(stateDir.toFile());
        Process p = pb.start();
        Thread errors = new Thread(() -> pumpStderr(p, slot), "cpjudge-supervisor-" + slot + "-stderr");
        errors.setDaemon(true);
        errors.start();
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pumpStdout(p, answers), "cpjudge-supervisor-" + slot + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String line;
        try {
            line = next(answers, HELLO_TIMEOUT_MS).orElse(null);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the supervisor of slot " + slot + " started");
        }
        Map<String, String> hello = new HashMap<>();
        if (line == null) {
            p.destroyForcibly();
            hello.put("fatal", "the supervisor did not say hello within " + HELLO_TIMEOUT_MS / 1000 + " s");
        } else if (line == END) {
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
        return new Supervisor(slot, p, answers, hello);
    }

    private static void pumpStdout(Process p, BlockingQueue<String> answers) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the supervisor is gone
        } finally {
            answers.add(END);
        }
    }

    /** The next line, {@link #END} when the output ended, or empty when none came within {@code timeoutMs}. */
    private static Optional<String> next(BlockingQueue<String> answers, long timeoutMs) throws InterruptedException {
        String line = answers.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (line == END) {
            answers.add(END); // it stays ended for whoever asks next
        }
        return Optional.ofNullable(line);
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

    /**
     * Runs one spec, waiting at most {@code timeoutMs} for the answer. A {@link SandboxFailure} means this
     * supervisor is unusable and must be discarded; when it did not answer in time it has been killed already.
     * An interrupt kills it too: its run is abandoned.
     */
    SandboxResult run(byte[] request, long timeoutMs) throws IOException, InterruptedException {
        try {
            toSupervisor.write(request);
            toSupervisor.flush();
        } catch (IOException e) {
            throw new SandboxFailure("the supervisor of slot " + slot + " does not take requests: " + e.getMessage());
        }
        Optional<String> line;
        try {
            line = next(answers, timeoutMs);
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        if (line.isEmpty()) {
            kill();
            throw new SandboxFailure("the supervisor of slot " + slot + " did not answer within "
                    + timeoutMs + " ms; it was killed");
        }
        if (line.get() == END) {
            throw new SandboxFailure("the supervisor of slot " + slot + " died");
        }
        try {
            return decode(line.get());
        } catch (IOException e) {
            throw new SandboxFailure(e.getMessage());
        }
    }

    /** Kills the supervisor at once (and with it its box, whose init has it as its parent-death signal). */
    void kill() {
        process.destroyForcibly();
    }

    /** Ends its input: it exits after its current run (see {@link #awaitExit}). */
    void endInput() {
        try {
            toSupervisor.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Waits until it exited, at most {@code timeoutMs}, and kills it if it has not. */
    void awaitExit(long timeoutMs) {
        try {
            if (!process.waitFor(Math.max(0, timeoutMs), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
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
        if (spec.discardWrites()) {
            token(out, "writes", "discard");
        }
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
        endInput();
        awaitExit(5_000);
    }
}
