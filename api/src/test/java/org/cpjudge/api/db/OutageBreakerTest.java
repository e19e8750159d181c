package org.cpjudge.api.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the breaker refuses at once, and when it lets callers wait for the pool again. */
class OutageBreakerTest {

    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, (p, m, a) -> null);

    private final AtomicInteger asked = new AtomicInteger();

    private OutageBreaker.Source failing(SQLException failure) {
        return () -> {
            asked.incrementAndGet();
            throw failure;
        };
    }

    private OutageBreaker.Source working() {
        return () -> {
            asked.incrementAndGet();
            return CONNECTION;
        };
    }

    private static final SQLTransientConnectionException UNREACHABLE = new SQLTransientConnectionException(
            "request timed out", "08001", new SQLException("Connection refused", "08001"));
    /** Hikari's timeout with every connection busy: no connection failed, PostgreSQL is there. */
    private static final SQLTransientConnectionException BUSY = new SQLTransientConnectionException("request timed out");

    @Test
    void aBusyPoolNeverOpensIt() throws Exception {
        OutageBreaker breaker = new OutageBreaker();
        assertThrows(SQLException.class, () -> breaker.connect(failing(BUSY)));
        assertSame(CONNECTION, breaker.connect(working()));
        assertEquals(2, asked.get());
    }

    @Test
    void anUnreachableDatabaseIsRefusedAtOnceThenProbed() throws Exception {
        OutageBreaker breaker = new OutageBreaker();
        assertSame(UNREACHABLE, assertThrows(SQLException.class, () -> breaker.connect(failing(UNREACHABLE))));
        SQLException refused = assertThrows(SQLException.class, () -> breaker.connect(working()));
        assertEquals(1, asked.get(), "refused without asking the pool");
        assertEquals(true, DatabaseOutage.causedBy(refused), "an outage to the caller");

        Thread.sleep(OutageBreaker.PAUSE_NANOS / 1_000_000 + 100);
        assertSame(CONNECTION, breaker.connect(working()), "the probe after the pause");
        assertSame(CONNECTION, breaker.connect(working()), "closed again");
        assertEquals(3, asked.get());
    }
}
