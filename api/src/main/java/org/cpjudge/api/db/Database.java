package org.cpjudge.api.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool to PostgreSQL, migrated to the newest schema when opened. */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
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

    public Connection connection() throws SQLException {
        return pool.getConnection();
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
