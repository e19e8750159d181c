package org.cpjudge.api.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's settings, each from a flag ({@code --port 8080}) or its environment variable
 * ({@code JUDGE_PORT}); the flag wins. Validated here, at start, so a bad value fails fast with a message
 * naming the setting.
 */
public record ServerConfig(
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int workers,
        String adminToken,
        boolean insecureSandbox,
        String newcomerRule) {

    /** Every setting but the required ones at their defaults: for tests and embedding. */
    public ServerConfig(int port, Path dataDir, String dbUrl, String dbUser, String dbPassword, int workers,
                        String adminToken, boolean insecureSandbox) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, workers, adminToken, insecureSandbox, DEFAULT_NEWCOMER_RULE);
    }

    public static final String DEFAULT_NEWCOMER_RULE = "codeforces-2020";

    /** Every setting: flag name, environment variable. */
    private static final Map<String, String> SETTINGS = Map.of(
            "port", "JUDGE_PORT",
            "data", "JUDGE_DATA_DIR",
            "db-url", "JUDGE_DB_URL",
            "db-user", "JUDGE_DB_USER",
            "db-password", "JUDGE_DB_PASSWORD",
            "workers", "JUDGE_WORKERS",
            "admin-token", "JUDGE_ADMIN_TOKEN",
            "insecure-sandbox", "JUDGE_INSECURE_SANDBOX",
            "newcomer-rule", "JUDGE_NEWCOMER_RULE");

    public static ServerConfig from(List<String> args, Map<String, String> env) {
        Map<String, String> flags = parseFlags(args);
        Settings s = new Settings(flags, env);
        return new ServerConfig(
                s.integer("port", 8080, 0, 65535),
                Path.of(s.string("data", "./data")).toAbsolutePath().normalize(),
                s.string("db-url", null),
                s.string("db-user", null),
                s.string("db-password", null),
                s.integer("workers", Runtime.getRuntime().availableProcessors(), 0, 1024),
                s.string("admin-token", null),
                Boolean.parseBoolean(s.string("insecure-sandbox", "false")),
                s.choice("newcomer-rule", DEFAULT_NEWCOMER_RULE, List.of("codeforces-2020", "start-1500")));
    }

    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank();
    }

    /** Usage lines for {@code help}. */
    public static String usage() {
        return """
                  --port N            JUDGE_PORT          HTTP port (8080)
                  --data DIR          JUDGE_DATA_DIR      data directory (./data): embedded PostgreSQL, caches, admin token
                  --db-url URL        JUDGE_DB_URL        external PostgreSQL (jdbc:postgresql://host/db); unset: embedded
                  --db-user U         JUDGE_DB_USER
                  --db-password P     JUDGE_DB_PASSWORD
                  --workers N         JUDGE_WORKERS       local judge workers (number of cores; 0: API only)
                  --admin-token T     JUDGE_ADMIN_TOKEN   bootstrap administrator's token (unset: generated once)
                  --newcomer-rule R   JUDGE_NEWCOMER_RULE codeforces-2020 (start at 1400, shown 0, boosts) or start-1500
                  --insecure-sandbox  JUDGE_INSECURE_SANDBOX=true  run without isolation (development only)
                """;
    }

    private static Map<String, String> parseFlags(List<String> args) {
        Map<String, String> flags = new java.util.HashMap<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("insecure-sandbox")) {
                value = "true";
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new ConfigException("flag --" + name + " needs a value");
            }
            if (!SETTINGS.containsKey(name)) {
                throw new ConfigException("unknown flag --" + name);
            }
            flags.put(name, value);
        }
        return flags;
    }

    private record Settings(Map<String, String> flags, Map<String, String> env) {
        String string(String name, String fallback) {
            String v = flags.get(name);
            if (v == null) {
                v = env.get(SETTINGS.get(name));
            }
            return v == null || v.isEmpty() ? fallback : v;
        }

        String choice(String name, String fallback, List<String> allowed) {
            String v = string(name, fallback);
            if (!allowed.contains(v)) {
                throw new ConfigException(describe(name) + " must be one of " + allowed + ", got '" + v + "'");
            }
            return v;
        }

        int integer(String name, int fallback, int min, int max) {
            String v = string(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min || n > max) {
                    throw new ConfigException(describe(name) + " must be between " + min + " and " + max + ", got " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(describe(name) + " must be a whole number, got '" + v + "'");
            }
        }

        private static String describe(String name) {
            return "--" + name + " (" + SETTINGS.get(name) + ")";
        }
    }

    /** A setting that cannot be used; its message names the setting. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
