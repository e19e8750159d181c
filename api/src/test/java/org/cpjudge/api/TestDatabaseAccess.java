package org.cpjudge.api;

import org.cpjudge.api.db.Database;

/** Opens a fresh, migrated test database for tests outside this package. */
public final class TestDatabaseAccess {

    private TestDatabaseAccess() {
    }

    public static Database freshDatabase() throws Exception {
        TestDatabases.Credentials c = TestDatabases.fresh();
        return Database.open(c.url(), c.user(), c.password(), 10);
    }
}
