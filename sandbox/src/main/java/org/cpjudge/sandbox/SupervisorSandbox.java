package org.cpjudge.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedList;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Sandbox} backed by native supervisor processes: a pool of slots, each a long-lived supervisor
 * with its own box uid (unique on the host: 60000 + slot unless another judge process holds it, see
 * main.c pick_box_uid) and network namespace. A caller borrows an idle slot (starting a new
 * one when all are busy, up to the maximum, else waiting) for the length of one run.
 *
 * <p>Cores: with box cores given, slot i runs its boxes on core {@code boxCores[i mod n]} only (a cpuset cgroup,
 * see cpuset.c; the hello line says which mechanism), so a box never shares its core with another box while no
 * more boxes run at once than there are box cores. More can run at once (an interactive problem runs two
 * boxes; slots up to the maximum): then the extra slots share cores round-robin, and a borrower gets the idle or
 * startable slot whose core runs the fewest boxes right now, so that sharing happens only when every core is
 * busy. The first time two live slots share a core it is logged.
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
    /** The cores the boxes run on, slot i on the (i mod n)-th; null: not pinned. */
    private final CpuSet boxCores;
    private final String description;
    /** Guards idle, freeSlots and busyOnCore; notified when a supervisor comes back or a slot frees. */
    private final Object pool = new Object();
    /** Idle supervisors, the most recently used first (its caches are warm). */
    private final LinkedList<Supervisor> idle = new LinkedList<>();
    /** Slot numbers not currently owned by a live supervisor, lowest first. */
    private final TreeSet<Integer> freeSlots = new TreeSet<>();
    /** Boxes running now on each core (index: position of the core in boxCores). */
    private final int[] busyOnCore;
    private boolean sharingLogged;
    private final List<Supervisor> all = new ArrayList<>();
    /** Every box uid a supervisor of this sandbox has used (for tests looking for leftover box processes). */
    private final java.util.Set<Integer> boxUids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SupervisorSandbox(Path binary, Path stateDir, boolean insecure, int maxSlots, long replyMarginMs,
                              CpuSet boxCores, Supervisor first) {
        this.binary = binary;
        this.replyMarginMs = replyMarginMs;
        this.stateDir = stateDir;
        this.insecure = insecure;
        this.maxSlots = maxSlots;
        this.boxCores = boxCores;
        this.busyOnCore = new int[boxCores == null ? 1 : boxCores.size()];
        this.description = describe(first.hello, insecure) + describeCores(first.hello, boxCores, maxSlots);
        for (int i = 1; i < maxSlots; i++) {
            freeSlots.add(i);
        }
        all.add(first);
        idle.add(first);
        noteUid(first);
    }

    /** The core slot runs its boxes on, as an index into boxCores (0 when not pinned). */
    private int coreIndex(int slot) {
        return boxCores == null ? 0 : slot % boxCores.size();
    }

    /** The cpus of a slot's boxes, or null when not pinned. */
    private CpuSet cpusOf(int slot) {
        return boxCores == null ? null : CpuSet.of(boxCores.cpus().get(coreIndex(slot)));
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

    static SupervisorSandbox start(Path binary, Path stateDir, boolean allowInsecure, int maxSlots, CpuSet boxCores)
            throws IOException {
        return start(binary, stateDir, allowInsecure, maxSlots, DEFAULT_REPLY_MARGIN_MS, boxCores);
    }

    /** Not pinned to cores, waiting {@code replyMarginMs} past a run's wall limit. */
    static SupervisorSandbox start(Path binary, Path stateDir, boolean allowInsecure, int maxSlots, long replyMarginMs)
            throws IOException {
        return start(binary, stateDir, allowInsecure, maxSlots, replyMarginMs, null);
    }

    /**
     * @param boxCores the cores the boxes run on (slot i on the (i mod n)-th), or null for wherever the
     *                 supervisors may run
     */
    static SupervisorSandbox start(Path binary, Path stateDir, boolean allowInsecure, int maxSlots, long replyMarginMs,
                                   CpuSet boxCores) throws IOException {
        CpuSet firstCpus = boxCores == null ? null : CpuSet.of(boxCores.cpus().get(0));
        Supervisor first = Supervisor.start(binary, stateDir, 0, false, firstCpus);
        boolean insecure = false;
        if (first.hello.containsKey("fatal")) {
            String why = first.hello.get("fatal");
            if (!allowInsecure) {
                throw new IllegalStateException("the sandbox cannot isolate runs on this machine: " + why
                        + ". Fix the host (root, namespaces, cgroups) or, on a development machine only, open "
                        + "the sandbox with allowInsecure=true");
            }
            first = Supervisor.start(binary, stateDir, 0, true, firstCpus);
            if (first.hello.containsKey("fatal")) {
                throw new IllegalStateException("the sandbox supervisor cannot start even in insecure mode: "
                        + first.hello.get("fatal"));
            }
            insecure = true;
        }
        SupervisorSandbox sandbox = new SupervisorSandbox(binary, stateDir, insecure, maxSlots, replyMarginMs,
                boxCores, first);
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
                ? "pid, mount, ipc, uts, cgroup per box" + ("v1".equals(cg) ? " (kept for the next run of the same shape"
                        + " and made as if new)" : " (one per run)") + " and a private empty network per slot" : "NONE");
        sb.append("; seccomp ").append(h.getOrDefault("seccomp", "no"));
        sb.append("; box uids unique on this host (first ").append(h.getOrDefault("uid", "?")).append(')');
        return sb.toString();
    }

    private static String describeCores(Map<String, String> h, CpuSet boxCores, int maxSlots) {
        if (boxCores == null) {
            return "; boxes on any core";
        }
        String how = h.getOrDefault("cpuset", "unknown");
        int colon = how.indexOf(':');
        String mechanism = colon < 0 ? how : how.substring(0, colon);
        String limit = switch (mechanism) {
            case "v1", "v2" -> "cgroup " + mechanism + " cpuset";
            case "affinity" -> "affinity only (no cpuset controller: the filter keeps a box on its core, which is not reserved for it)";
            default -> "not confirmed by the supervisor (" + how + ")";
        };
        return "; boxes on cores " + boxCores + " (slot i on the (i mod " + boxCores.size() + ")-th) by " + limit
                + (maxSlots > boxCores.size() ? "; beyond " + boxCores.size() + " boxes at once slots share cores" : "");
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

    /**
     * An idle supervisor or a newly started one, on the core that runs the fewest boxes now (an idle one wins a
     * tie: its caches are warm); waits while every slot is busy.
     */
    private Supervisor borrow() throws IOException, InterruptedException {
        for (;;) {
            Supervisor pick = null;
            Integer slot = null;
            synchronized (pool) {
                if (closed) {
                    throw new IllegalStateException("the sandbox is closed");
                }
                for (Supervisor s : idle) {
                    if (pick == null || busyOnCore[coreIndex(s.slot)] < busyOnCore[coreIndex(pick.slot)]) {
                        pick = s;
                    }
                }
                for (Integer free : freeSlots) {
                    int load = busyOnCore[coreIndex(free)];
                    if ((pick == null || load < busyOnCore[coreIndex(pick.slot)])
                            && (slot == null || load < busyOnCore[coreIndex(slot)])) {
                        slot = free;
                    }
                }
                if (slot != null) {
                    pick = null;
                    freeSlots.remove(slot);
                    busyOnCore[coreIndex(slot)]++;
                } else if (pick != null) {
                    idle.remove(pick);
                    busyOnCore[coreIndex(pick.slot)]++;
                } else {
                    pool.wait(100);
                    continue;
                }
            }
            if (pick != null) {
                if (pick.alive()) {
                    return pick;
                }
                discard(pick);
                continue;
            }
            return startSlot(slot);
        }
    }

    /** A supervisor for a slot already counted busy; the slot is freed again when it cannot start. */
    private Supervisor startSlot(int slot) throws IOException {
        Supervisor fresh;
        try {
            fresh = Supervisor.start(binary, stateDir, slot, insecure, cpusOf(slot));
        } catch (IOException | RuntimeException e) {
            release(slot);
            throw e;
        }
        if (fresh.hello.containsKey("fatal")) {
            release(slot);
            throw new IOException("cannot start a supervisor for slot " + slot + ": " + fresh.hello.get("fatal"));
        }
        synchronized (all) {
            all.add(fresh);
        }
        noteUid(fresh);
        noteSharing(slot);
        return fresh;
    }

    /** Logs, once, that a live slot now shares its core with another. */
    private void noteSharing(int slot) {
        if (boxCores == null) {
            return;
        }
        synchronized (all) {
            for (Supervisor other : all) {
                if (other.slot != slot && coreIndex(other.slot) == coreIndex(slot) && !sharingLogged) {
                    sharingLogged = true;
                    log.warn("more boxes ran at once than the {} box cores ({}): slot {} shares core {} with slot {}"
                            + " (interactive problems run two boxes; fewer workers, or more box cores, avoid it)",
                            boxCores.size(), boxCores, slot, boxCores.cpus().get(coreIndex(slot)), other.slot);
                }
            }
        }
    }

    private void giveBack(Supervisor s, boolean healthy) {
        if (healthy && s.alive() && !closed) {
            synchronized (pool) {
                busyOnCore[coreIndex(s.slot)]--;
                idle.addFirst(s); // the most recently used slot first: its caches are warm
                pool.notifyAll();
            }
        } else {
            discard(s);
        }
    }

    /**
     * A supervisor that failed, or whose run was abandoned, is killed: it may be wedged, or still running a box.
     * Its slot is free again, so the next borrower starts a fresh supervisor for it (on the same core).
     */
    private void discard(Supervisor s) {
        s.kill();
        s.awaitExit(1_000);
        synchronized (all) {
            all.remove(s);
        }
        release(s.slot);
    }

    /** A busy slot becomes free (no live supervisor). */
    private void release(int slot) {
        synchronized (pool) {
            busyOnCore[coreIndex(slot)]--;
            freeSlots.add(slot);
            pool.notifyAll();
        }
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
        synchronized (pool) {
            idle.clear();
            pool.notifyAll();
        }
    }
}
