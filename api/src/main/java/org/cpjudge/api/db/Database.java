package org.cpjudge.api.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to PostgreSQL, migrated to the newest schema when opened. While PostgreSQL is gone a
 * request waits at most {@link #CONNECTION_TIMEOUT_MS} for a connection and fails (see {@link DatabaseOutage});
 * meanwhile the others are refused at once ({@link OutageBreaker}). The pool makes new connections by itself once
 * PostgreSQL is back, so the server recovers without a restart.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Longest wait for a pooled connection: well under a client's timeout, above a busy pool's normal wait. */
    static final long CONNECTION_TIMEOUT_MS = 3_000;
    /** Longest check of a pooled connection that sat idle (a dead server answers no ping). */
    static final long VALIDATION_TIMEOUT_MS = 1_000;
    /** Longest TCP connect to PostgreSQL, in seconds (pgjdbc's connectTimeout). */
    private static final int CONNECT_TIMEOUT_SECONDS = 2;

    private final HikariDataSource pool;
    private final OutageBreaker breaker = new OutageBreaker();
    private final String url;
    private final String user;
    private final String password;

    private Database(HikariDataSource pool, String url, String user, String password) {
        this.pool = pool;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static Database open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("judge-db");
        config.setInitializationFailTimeout(30_000);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        // idle connections are pinged now and then, so one broken by a PostgreSQL restart is replaced early
        config.setKeepaliveTime(60_000);
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool = new HikariDataSource(config);
        Flyway flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load();
        var result = flyway.migrate();
        log.info("database {} at schema version {} ({} migrations applied now)",
                url, flyway.info().current().getVersion(), result.migrationsExecuted);
        return new Database(pool, url, user, password);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A pooled connection, or, inside a {@link #join() joined transaction} on this thread, that transaction's. */
    public Connection connection() throws SQLException {
        JoinedTransaction joined = JoinedTransaction.current(this);
        return joined != null ? joined.borrow() : breaker.connect(pool::getConnection);
    }

    /**
     * Opens a transaction that every {@link #connection()} on this thread joins until it is closed (rolled back
     * unless committed): a request's writes and its bookkeeping, committed together.
     */
    public JoinedTransaction join() throws SQLException {
        return JoinedTransaction.begin(this, breaker.connect(pool::getConnection));
    }

    /** Whether this thread has joined a transaction on this database ({@link #join()}). */
    public boolean inJoinedTransaction() {
        return JoinedTransaction.current(this) != null;
    }

    /** A connection outside the pool, for LISTEN: it stays open and busy for the worker's whole life. */
    public Connection dedicatedConnection() throws SQLException {
        return java.sql.DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        pool.close();
    }
}
