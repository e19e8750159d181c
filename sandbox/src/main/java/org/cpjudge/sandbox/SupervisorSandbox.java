package org.cpjudge.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Sandbox} backed by native supervisor processes: a pool of slots, each a long-lived supervisor
 * with its own box uid (unique on the host: 60000 + slot unless another judge process holds it, see
 * supervisor.c pick_box_uid) and network namespace. A caller borrows an idle slot (starting a new
 * one when all are busy, up to the maximum, else waiting) for the length of one run.
 *
 * <p>A run's answer is awaited for its wall-time limit plus {@link #DEFAULT_REPLY_MARGIN_MS} (the supervisor's
 * own setup and teardown of the box): a supervisor that has not answered by then is wedged, and is killed, and
 * the run is an INTERNAL_ERROR (an infrastructure failure, never the program's verdict).
 */
final class SupervisorSandbox implements Sandbox {
    private static final Logger log = LoggerFactory.getLogger(SupervisorSandbox.class);

    /** Time a supervisor may take beyond a run's wall-time limit to answer: cgroups, mounts, teardown. */
    static final long DEFAULT_REPLY_MARGIN_MS = 10_000;

    private final Path binary;
    private final Path stateDir;
    private final boolean insecure;
    private final int maxSlots;
    private final long replyMarginMs;
    private final String description;
    private final LinkedBlockingDeque<Supervisor> idle = new LinkedBlockingDeque<>();
    /** Slot numbers not currently owned by a live supervisor. */
    private final LinkedBlockingDeque<Integer> freeSlots = new LinkedBlockingDeque<>();
    private final List<Supervisor> all = new ArrayList<>();
    /** Every box uid a supervisor of this sandbox has used (for tests looking for leftover box processes). */
    private final java.util.Set<Integer> boxUids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SupervisorSandbox(Path binary, Path stateDir, boolean insecure, int maxSlots, long replyMarginMs,
                              Supervisor first) {
        this.binary = binary;
        this.replyMarginMs = replyMarginMs;
        this.stateDir = stateDir;
        this.insecure = insecure;
        this.maxSlots = maxSlots;
        this.description = describe(first.hello, insecure);
        for (int i = 1; i < maxSlots; i++) {
            freeSlots.add(i);
        }
        all.add(first);
        idle.add(first);
        noteUid(first);
    }

    private void noteUid(Supervisor s) {
        try {
            boxUids.add(Integer.parseInt(s.hello.getOrDefault("uid", "")));
        } catch (NumberFormatException e) {
            // no uid reported
        }
    }

    /** The box uids this sandbox's supervisors have used so far. */
    java.util.Set<Integer> boxUids() {
        return java.util.Set.copyOf(boxUids);
    }

    static SupervisorSandbox start(Path binary, Path stateDir, boolean allowInsecure, int maxSlots)
            throws IOException {
        return start(binary, stateDir, allowInsecure, maxSlots, DEFAULT_REPLY_MARGIN_MS);
    }

    /** As {@link #start(Path, Path, boolean, int)}, waiting {@code replyMarginMs} past a run's wall limit. */
    static SupervisorSandbox start(Path binary, Path stateDir, boolean allowInsecure, int maxSlots, long replyMarginMs)
            throws IOException {
        Supervisor first = Supervisor.start(binary, stateDir, 0, false);
        boolean insecure = false;
        if (first.hello.containsKey("fatal")) {
            String why = first.hello.get("fatal");
            if (!allowInsecure) {
                throw new IllegalStateException("the sandbox cannot isolate runs on this machine: " + why
                        + ". Fix the host (root, namespaces, cgroups) or, on a development machine only, open "
                        + "the sandbox with allowInsecure=true");
            }
            first = Supervisor.start(binary, stateDir, 0, true);
            if (first.hello.containsKey("fatal")) {
                throw new IllegalStateException("the sandbox supervisor cannot start even in insecure mode: "
                        + first.hello.get("fatal"));
            }
            insecure = true;
        }
        SupervisorSandbox sandbox = new SupervisorSandbox(binary, stateDir, insecure, maxSlots, replyMarginMs,
                first);
        if (insecure) {
            log.error("!!! INSECURE SANDBOX: {} -- untrusted programs can harm this machine; development only",
                    sandbox.description);
        } else if (!"yes".equals(first.hello.get("namespaces")) || "none".equals(first.hello.get("cgroup"))) {
            log.warn("PARTIAL SANDBOX: {}", sandbox.description);
        } else {
            log.info("sandbox: {}", sandbox.description);
        }
        return sandbox;
    }

    private static String describe(Map<String, String> h, boolean insecure) {
        StringBuilder sb = new StringBuilder();
        if (insecure) {
            sb.append("INSECURE development mode (rlimits only, no namespaces, no seccomp); ");
        }
        String cg = h.getOrDefault("cgroup", "none");
        sb.append("cgroup ").append(cg);
        if ("v1".equals(cg)) {
            sb.append(" (memory ").append(h.get("memory")).append(", memsw ").append("1".equals(h.get("memsw")))
                    .append(", pids ").append(h.get("pids")).append(", cpuacct ").append(h.get("cpu"))
                    .append(", cgroup2 for kill ").append(h.get("kill")).append(')');
        } else if ("v2".equals(cg)) {
            sb.append(" (").append(h.get("kill")).append(')');
        } else {
            sb.append(" (CPU time and memory from rusage, no memory limit beyond the wall/CPU rlimits)");
        }
        sb.append("; namespaces ").append("yes".equals(h.get("namespaces"))
                ? "pid, mount, ipc, uts, cgroup per run and a private empty network per slot" : "NONE");
        sb.append("; seccomp ").append(h.getOrDefault("seccomp", "no"));
        sb.append("; box uids unique on this host (first ").append(h.getOrDefault("uid", "?")).append(')');
        return sb.toString();
    }

    @Override
    public SandboxResult run(SandboxSpec spec) throws IOException, InterruptedException {
        byte[] request = Supervisor.encode(spec); // a bad spec is the caller's IOException, not the box's
        Supervisor s = borrow();
        boolean healthy = false;
        try {
            SandboxResult r = s.run(request, spec.limits().wallTimeMs() + replyMarginMs);
            healthy = true;
            return r;
        } catch (SandboxFailure e) {
            log.error("supervisor slot {} failed: {}", s.slot, e.toString());
            return new SandboxResult(SandboxResult.Outcome.INTERNAL_ERROR, -1, 0, 0, 0, 0,
                    "sandbox supervisor failed: " + e.getMessage());
        } finally {
            giveBack(s, healthy);
        }
    }

    private Supervisor borrow() throws IOException, InterruptedException {
        for (;;) {
            if (closed) {
                throw new IllegalStateException("the sandbox is closed");
            }
            Supervisor s = idle.pollFirst();
            if (s != null) {
                if (s.alive()) {
                    return s;
                }
                discard(s);
                continue;
            }
            Integer slot = freeSlots.pollFirst();
            if (slot != null) {
                Supervisor fresh = Supervisor.start(binary, stateDir, slot, insecure);
                if (fresh.hello.containsKey("fatal")) {
                    freeSlots.addFirst(slot);
                    throw new IOException("cannot start a supervisor for slot " + slot + ": " + fresh.hello.get("fatal"));
                }
                synchronized (all) {
                    all.add(fresh);
                }
                noteUid(fresh);
                return fresh;
            }
            s = idle.pollFirst(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (s != null) {
                if (s.alive()) {
                    return s;
                }
                discard(s);
            }
        }
    }

    private void giveBack(Supervisor s, boolean healthy) {
        if (healthy && s.alive() && !closed) {
            idle.addFirst(s); // the most recently used slot first: its caches are warm
        } else {
            discard(s);
        }
    }

    /** A supervisor that failed, or whose run was abandoned, is killed: it may be wedged, or still running a box. */
    private void discard(Supervisor s) {
        s.kill();
        s.awaitExit(1_000);
        synchronized (all) {
            all.remove(s);
        }
        freeSlots.addFirst(s.slot);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        closed = true;
        List<Supervisor> copy;
        synchronized (all) {
            copy = new ArrayList<>(all);
            all.clear();
        }
        // all at once: each exits after its current run, and whichever has not within a few seconds is killed
        copy.forEach(Supervisor::endInput);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        for (Supervisor s : copy) {
            s.awaitExit(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        }
        idle.clear();
    }
}
