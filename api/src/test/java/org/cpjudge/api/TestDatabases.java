package org.cpjudge.api;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.cpjudge.api.db.EmbeddedPostgres;

/**
 * A fresh, empty PostgreSQL database for each test class, on a real server: the one named by
 * {@code JUDGE_TEST_DB_URL} (CI starts one), or else an embedded server under {@code target/}, started once
 * per test run.
 */
final class TestDatabases {

    record Credentials(String url, String user, String password) {
    }

    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    static synchronized Credentials fresh() throws Exception {
        Credentials admin = adminCredentials();
        String name = "judge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        String base = admin.url().substring(0, admin.url().lastIndexOf('/') + 1);
        return new Credentials(base + name, admin.user(), admin.password());
    }

    private static Credentials adminCredentials() throws Exception {
        String url = System.getenv("JUDGE_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Credentials(url, System.getenv("JUDGE_TEST_DB_USER"), System.getenv("JUDGE_TEST_DB_PASSWORD"));
        }
        if (embedded == null) {
            embedded = EmbeddedPostgres.start(Path.of("target", "test-postgres").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        }
        return new Credentials(embedded.jdbcUrl(), embedded.user(), embedded.password());
    }
}
