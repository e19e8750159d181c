package org.cpjudge.api.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.cpjudge.api.TestDatabaseAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A joined transaction on a real PostgreSQL: the stores' connections on the thread share it, their own
 * transactions become savepoints (a store's rollback, or a failed statement it catches, undoes only its part),
 * and nothing is visible to others until the owner commits; without a commit nothing stays.
 */
class JoinedTransactionTest {

    private static Database db;

    @BeforeAll
    static void open() throws Exception {
        db = TestDatabaseAccess.freshDatabase();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE joined_items (name TEXT PRIMARY KEY)");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void insert(String name) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO joined_items VALUES ('" + name + "')");
        }
    }

    /** As the stores do: insert, and answer a unique violation instead of failing. */
    private static boolean insertUnlessTaken(String name) throws SQLException {
        try {
            insert(name);
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean exists(String name) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM joined_items WHERE name = '" + name + "'")) {
            return rs.next();
        }
    }

    /** Seen from another thread, which has a connection of its own. */
    private static boolean committed(String name) throws Exception {
        boolean[] seen = new boolean[1];
        Exception[] failure = new Exception[1];
        Thread other = new Thread(() -> {
            try {
                seen[0] = exists(name);
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        other.start();
        other.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return seen[0];
    }

    @Test
    void storesJoinTheTransactionAndItCommitsAsOne() throws Exception {
        try (JoinedTransaction tx = db.join()) {
            insert("a1");
            Transactions.inTransaction(db, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO joined_items VALUES ('a2')");
                }
                return null;
            });
            assertTrue(exists("a1") && exists("a2"), "this thread sees its own writes");
            assertFalse(committed("a1") || committed("a2"), "others see nothing before the commit");
            tx.commit();
        }
        assertTrue(committed("a1") && committed("a2"));
    }

    @Test
    void withoutACommitNothingStays() throws Exception {
        try (JoinedTransaction tx = db.join()) {
            insert("b1");
            Transactions.inTransaction(db, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO joined_items VALUES ('b2')");
                }
                return null;
            });
        }
        assertFalse(exists("b1") || exists("b2"));
    }

    @Test
    void aStoresRollbackAndACaughtFailureUndoOnlyTheirOwnPart() throws Exception {
        insert("taken");
        try (JoinedTransaction tx = db.join()) {
            insert("c1");
            assertFalse(insertUnlessTaken("taken"), "the unique violation is answered");
            assertThrows(IllegalStateException.class, () -> Transactions.inTransaction(db, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO joined_items VALUES ('c2')");
                }
                throw new IllegalStateException("refused");
            }));
            insert("c3");   // the transaction is still usable after both
            tx.commit();
        }
        assertTrue(committed("c1"));
        assertFalse(committed("c2"), "rolled back with its store's transaction");
        assertTrue(committed("c3"));
    }

    @Test
    void aLostConnectionIsAnOutageAndABugIsNot() {
        assertTrue(DatabaseOutage.causedBy(new SQLTransientConnectionException("pool timed out")));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseOutage.causedBy(new SQLException("terminating connection", "57P01")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("a bug")));
    }
}
