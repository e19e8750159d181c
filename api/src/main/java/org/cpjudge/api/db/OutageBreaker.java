package org.cpjudge.api.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps requests from queueing behind a dead database: once getting a connection failed because PostgreSQL
 * could not be reached, further requests are refused at once (an outage, as {@link DatabaseOutage} reads it)
 * instead of each waiting out the pool's timeout and holding a worker thread meanwhile, which under load would
 * turn every answer slow. After {@link #PAUSE_NANOS} one caller at a time tries the pool again; its success
 * closes the breaker. A pool merely busy (no connection failed) never opens it.
 */
final class OutageBreaker {

    @FunctionalInterface
    interface Source {
        Connection get() throws SQLException;
    }

    static final long PAUSE_NANOS = 1_000_000_000L;

    private volatile long refuseUntil;
    private volatile boolean open;
    private final AtomicBoolean probing = new AtomicBoolean();

    Connection connect(Source pool) throws SQLException {
        boolean probe = false;
        if (open) {
            if (System.nanoTime() - refuseUntil < 0 || !probing.compareAndSet(false, true)) {
                throw new SQLTransientConnectionException("PostgreSQL could not be reached moments ago", "08001");
            }
            probe = true;
        }
        try {
            Connection c = pool.get();
            open = false;
            return c;
        } catch (SQLException e) {
            if (e instanceof SQLTransientConnectionException && DatabaseOutage.causedBy(e.getCause())) {
                refuseUntil = System.nanoTime() + PAUSE_NANOS;
                open = true;
            }
            throw e;
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }
}
