package org.cpjudge.api.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a failure that means "PostgreSQL is not reachable now" (it is down, restarting, or refuses connections)
 * from every other failure: the first is the caller's to retry later (503 with Retry-After), the second a bug.
 */
public final class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    /** What a client is told to wait before it retries. */
    public static final int RETRY_AFTER_SECONDS = 5;
    private static final long REPORT_EVERY_NANOS = 5_000_000_000L;
    private static final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS - 1);

    private DatabaseOutage() {
    }

    /** True when {@code failure}, or one of its causes, is a lost or refused connection to PostgreSQL. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Hikari's "connection is not available, request timed out": no connection could be made in time
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException e && outageState(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Logs that {@code what} met an outage, once every few seconds at most: during an outage every request
     * meets it, and one line says as much as thousands.
     */
    public static void report(String what, Throwable cause) {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last > REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
            log.warn("{}: the database is unavailable, answered 503 until it is back: {}", what, cause.toString());
        }
    }

    /**
     * SQLSTATE class 08 (connection exception: refused, broken, lost) and the server going away: 57P01
     * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down).
     */
    private static boolean outageState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
