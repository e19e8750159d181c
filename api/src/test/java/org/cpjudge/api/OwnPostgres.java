package org.cpjudge.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of one test's own, which it may stop and start again (the shared test server must stay
 * up): a cluster made with initdb in a temporary directory, run with pg_ctl on a free loopback port. As root
 * (inside ctest) the server runs as the postgres user, as PostgreSQL refuses to run as root.
 */
final class OwnPostgres implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;

    private OwnPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static OwnPostgres create() throws Exception {
        Path dir = Files.createTempDirectory("own-postgres");
        if (root()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        asServerUser(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-A", "trust", "--encoding=UTF8", "--locale=C");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        OwnPostgres pg = new OwnPostgres(dir, port);
        pg.start();
        return pg;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String user() {
        return "postgres";
    }

    void start() throws Exception {
        asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir, "start");
    }

    /** A fast shutdown: sessions are cut, open transactions rolled back, as when an operator stops the server. */
    void stop() throws Exception {
        asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "fast",
                "stop");
    }

    @Override
    public void close() throws Exception {
        try {
            asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "stop");
        } catch (IllegalStateException alreadyStopped) {
            // stopped by the test already
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void asServerUser(String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (root()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
