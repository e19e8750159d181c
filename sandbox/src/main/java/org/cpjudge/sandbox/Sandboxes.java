package org.cpjudge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Opens the sandbox of this machine: extracts the native supervisor into the state directory, starts one to
 * find out which isolation works here (namespaces, cgroup v1 or v2, seccomp), logs it, and refuses to run
 * untrusted code when neither namespaces nor cgroups are usable, unless the insecure development mode is
 * asked for explicitly.
 *
 * <p>Call once per process and share the result: it is thread-safe and runs concurrent calls in separate
 * boxes (one supervisor process per concurrent caller, each with a box uid unique on the host, 60000 + slot
 * unless another judge process on the host holds it).
 *
 * <p>Cores: by default the boxes run on {@link #defaultBoxCores()}, every cpu this process may use but the
 * lowest, which is left to the judge itself (its JVM, the supervisors, the database); slot i on the i-th of
 * them (see {@link SupervisorSandbox}). A judge runs as many workers as there are box cores.
 */
public final class Sandboxes {

    /** Largest number of boxes running at once (callers beyond it wait for a free box). */
    public static final int DEFAULT_MAX_SLOTS = 64;

    private Sandboxes() {
    }

    /** The secure sandbox; throws {@link IllegalStateException} when this machine cannot isolate runs. */
    public static Sandbox open(Path stateDir) {
        return open(stateDir, false);
    }

    /**
     * @param stateDir      directory for the supervisor binary and the boxes' mount points (created, mode 0700)
     * @param allowInsecure when neither namespaces nor cgroups work (or not root), run anyway with rlimits
     *                      only; for development machines, never for a judge facing the public
     */
    public static Sandbox open(Path stateDir, boolean allowInsecure) {
        return open(stateDir, allowInsecure, defaultBoxCores());
    }

    /**
     * The cores boxes run on unless told otherwise: the cpus this process may run on but the lowest, left to the
     * judge itself; the only one when there is one (then the judge and the boxes share it).
     */
    public static CpuSet defaultBoxCores() {
        return CpuSet.ofThisProcess().withoutLowest();
    }

    /**
     * As {@link #open(Path, boolean)}, the boxes on {@code boxCores}: slot i runs on the (i mod n)-th of them
     * only; null lets them run on any core.
     */
    public static Sandbox open(Path stateDir, boolean allowInsecure, CpuSet boxCores) {
        return open(stateDir, allowInsecure, boxCores,
                Duration.ofMillis(SupervisorSandbox.DEFAULT_REPLY_MARGIN_MS), null);
    }

    /**
     * As {@link #open(Path, boolean, CpuSet)}, awaiting each run's answer for its wall limit plus
     * {@code replyMargin} (then the supervisor is deemed wedged: killed, its slot given a fresh one, the run an
     * INTERNAL_ERROR), with {@code supervisor} started instead of the jar's own when not null: a supervisor
     * installed apart, or a wrapper around {@code STATE_DIR/cpjudge-supervisor} (always extracted) that tests
     * make hang.
     */
    public static Sandbox open(Path stateDir, boolean allowInsecure, CpuSet boxCores, Duration replyMargin,
                               Path supervisor) {
        try {
            Path dir = stateDir.toAbsolutePath();
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path binary = extractSupervisor(dir);
            return SupervisorSandbox.start(supervisor != null ? supervisor : binary, dir, allowInsecure,
                    DEFAULT_MAX_SLOTS, replyMargin.toMillis(), boxCores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox in " + stateDir, e);
        }
    }

    static Path extractSupervisor(Path dir) throws IOException {
        Path target = dir.resolve("cpjudge-supervisor");
        try (InputStream in = Sandboxes.class.getResourceAsStream("/native/cpjudge-supervisor")) {
            if (in == null) {
                throw new IOException("native/cpjudge-supervisor is missing from the classpath (built by the "
                        + "sandbox module's Maven build with the machine's cc)");
            }
            Path tmp = Files.createTempFile(dir, "cpjudge-supervisor", ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return target;
    }
}
