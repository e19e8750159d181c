package org.cpjudge.api.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * One transaction that every {@link Database#connection()} on this thread joins until it ends: what a request
 * writes through any store, and whatever the request's own bookkeeping writes (an Idempotency-Key's answer), is
 * committed together or not at all, without each store taking a connection parameter.
 *
 * <p>A store's own transaction inside becomes a savepoint: each borrowed connection is one, so its
 * {@code rollback()} undoes only its own work, and a statement that failed inside it (a unique violation the
 * store catches and answers) is rolled back to the savepoint when the store closes the connection, as its own
 * connection would have been, and leaves the joined transaction usable. Its {@code commit()} and
 * {@code setAutoCommit} are no-ops: only {@link #commit()} commits.
 */
public final class JoinedTransaction implements AutoCloseable {

    private static final ThreadLocal<JoinedTransaction> CURRENT = new ThreadLocal<>();

    private final Database db;
    private final Connection physical;
    private boolean committed;

    private JoinedTransaction(Database db, Connection physical) {
        this.db = db;
        this.physical = physical;
    }

    static JoinedTransaction begin(Database db, Connection physical) throws SQLException {
        if (CURRENT.get() != null) {
            physical.close();
            throw new IllegalStateException("a joined transaction is open on this thread already");
        }
        try {
            physical.setAutoCommit(false);
        } catch (SQLException e) {
            physical.close();
            throw e;
        }
        JoinedTransaction t = new JoinedTransaction(db, physical);
        CURRENT.set(t);
        return t;
    }

    /** The transaction this thread has joined on {@code db}, or null. */
    static JoinedTransaction current(Database db) {
        JoinedTransaction t = CURRENT.get();
        return t != null && t.db == db ? t : null;
    }

    /** The transaction's connection itself, for the owner's own statements. */
    public Connection connection() {
        return physical;
    }

    public void commit() throws SQLException {
        physical.commit();
        committed = true;
    }

    /** Rolls back unless committed, and hands the connection back to the pool. */
    @Override
    public void close() throws SQLException {
        CURRENT.remove();
        try {
            if (!committed) {
                physical.rollback();
            }
            physical.setAutoCommit(true);
        } finally {
            physical.close();
        }
    }

    /** A connection for a store: the joined one, behind a savepoint of its own. */
    Connection borrow() throws SQLException {
        Savepoint savepoint = physical.setSavepoint();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new Borrowed(savepoint));
    }

    private final class Borrowed implements InvocationHandler {
        private final Savepoint savepoint;
        private boolean closed;

        Borrowed(Savepoint savepoint) {
            this.savepoint = savepoint;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int arity = args == null ? 0 : args.length;
            switch (name) {
                case "close":
                    if (!closed) {
                        closed = true;
                        if (failed()) {
                            physical.rollback(savepoint);
                        }
                        physical.releaseSavepoint(savepoint);
                    }
                    return null;
                case "isClosed":
                    return closed || physical.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "joined " + physical;
                default:
                    break;
            }
            if (closed) {
                throw new SQLException("connection closed", "08003");
            }
            if (name.equals("commit") && arity == 0 || name.equals("setAutoCommit")) {
                return null;
            }
            if (name.equals("getAutoCommit")) {
                return false;
            }
            if (name.equals("rollback") && arity == 0) {
                physical.rollback(savepoint);
                return null;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** A statement failed since the savepoint: PostgreSQL takes no more until it is rolled back to. */
        private boolean failed() throws SQLException {
            return physical.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
        }
    }
}
