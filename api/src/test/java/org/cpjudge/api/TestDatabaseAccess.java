package org.cpjudge.api;

import java.nio.file.Path;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.db.Database;

/** Opens a fresh, migrated test database for tests outside this package. */
public final class TestDatabaseAccess {

    private TestDatabaseAccess() {
    }

    public static Database freshDatabase() throws Exception {
        TestDatabases.Credentials c = TestDatabases.fresh();
        return Database.open(c.url(), c.user(), c.password(), 10);
    }

    /** A whole server (API and judge workers) on a fresh database, for tests outside this package. */
    public static JudgeServer startServer(Path dataDir, int workers, String adminToken) throws Exception {
        TestDatabases.Credentials c = TestDatabases.fresh();
        return JudgeServer.start(new ServerConfig(0, dataDir, c.url(), c.user(), c.password(), workers, adminToken, false));
    }
}
