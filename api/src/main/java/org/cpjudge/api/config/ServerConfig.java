package org.cpjudge.api.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.callback.CallbackAllowList;
import org.cpjudge.api.observe.LogFormat;
import org.cpjudge.judge.LanguageTable;
import org.cpjudge.api.limits.ClientAddress;
import org.cpjudge.api.limits.Limits;
import org.cpjudge.api.limits.Rate;
import org.cpjudge.sandbox.CpuSet;
import org.cpjudge.sandbox.Sandboxes;

/**
 * The server's settings, each from a flag ({@code --port 8080}) or its environment variable
 * ({@code JUDGE_PORT}); the flag wins. Each setting is declared once, as a {@link Setting} (flag, variable,
 * default, help), and {@link #usage} is written from those declarations. Validated here, at start, so a bad value
 * fails fast with a message naming the setting.
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
        String newcomerRule,
        CallbackAllowList callbackAllow,
        LogFormat logFormat,
        int leaseSeconds,
        List<String> languages,
        Limits limits,
        CpuSet boxCores) {

    /** The settings without their secrets (the administrator token, the database password): safe to log. */
    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", dataDir=" + dataDir + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser
                + ", dbPassword=" + (dbPassword == null ? "unset" : "(set)") + ", workers=" + workers
                + ", adminToken=" + (adminToken == null ? "unset" : "(set)") + ", insecureSandbox=" + insecureSandbox
                + ", newcomerRule=" + newcomerRule + ", callbackAllow=" + callbackAllow + ", logFormat=" + logFormat
                + ", leaseSeconds=" + leaseSeconds + ", languages=" + languages + ", limits=" + limits
                + ", boxCores=" + boxCores + "]";
    }

    /** Every setting but the required ones at their defaults: for tests and embedding. */
    public ServerConfig(int port, Path dataDir, String dbUrl, String dbUser, String dbPassword, int workers,
                        String adminToken, boolean insecureSandbox) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, workers, adminToken, insecureSandbox, DEFAULT_NEWCOMER_RULE,
                CallbackAllowList.NONE, LogFormat.TEXT, DEFAULT_LEASE_SECONDS, List.of(), defaultLimits(),
                Sandboxes.defaultBoxCores());
    }

    /** The rate limits and stream caps at their declared defaults. */
    public static Limits defaultLimits() {
        return new Settings(Map.of(), Map.of()).limits();
    }

    public ServerConfig {
        languages = List.copyOf(languages);
    }

    /** How long a job's claim lasts unrenewed: how soon a dead worker's job is taken over. */
    public static final int DEFAULT_LEASE_SECONDS = 60;

    public static final String DEFAULT_NEWCOMER_RULE = "codeforces-2020";

    /**
     * One setting: its flag (without "--"), environment variable, the placeholder its help shows for the value
     * (null: a switch, which takes none), its default (null: unset) and its help.
     */
    public record Setting(String flag, String variable, String value, String fallback, String help) {
    }

    private static final Map<String, Setting> SETTINGS = declare(
            new Setting("port", "JUDGE_PORT", "N", "8080", "HTTP port"),
            new Setting("data", "JUDGE_DATA_DIR", "DIR", "./data",
                    "data directory (embedded PostgreSQL, caches, admin token)"),
            new Setting("db-url", "JUDGE_DB_URL", "URL", null,
                    "external PostgreSQL (jdbc:postgresql://host/db); unset: embedded"),
            new Setting("db-user", "JUDGE_DB_USER", "U", null, "its user"),
            new Setting("db-password", "JUDGE_DB_PASSWORD", "P", null, "its password"),
            new Setting("workers", "JUDGE_WORKERS", "N", String.valueOf(Sandboxes.defaultBoxCores().size()),
                    "local judge workers (0: API only); by default one per box core"),
            new Setting("box-cores", "JUDGE_BOX_CORES", "LIST", Sandboxes.defaultBoxCores().toString(),
                    "cpus the boxes run on, each box slot on one of its own (a cpuset list: 1-3); by default every"
                            + " cpu of this process but the lowest, left to the judge itself"),
            new Setting("admin-token", "JUDGE_ADMIN_TOKEN", "T", null,
                    "bootstrap administrator's token (unset: generated once)"),
            new Setting("newcomer-rule", "JUDGE_NEWCOMER_RULE", "R", DEFAULT_NEWCOMER_RULE,
                    "codeforces-2020 (start at 1400, shown 0, boosts) or start-1500"),
            new Setting("callback-allow", "JUDGE_CALLBACK_ALLOW", "LIST", null,
                    "private addresses callbacks may reach: comma-separated host:port or CIDR (unset: none)"),
            new Setting("log-format", "JUDGE_LOG_FORMAT", "F", "text",
                    "text (one readable line) or json (one JSON object per line, with the submission id)"),
            new Setting("lease-seconds", "JUDGE_LEASE_SECONDS", "S", String.valueOf(DEFAULT_LEASE_SECONDS),
                    "a judge job's lease: a dead worker's job is taken over after it runs out"),
            new Setting("languages", "JUDGE_LANGUAGES", "LIST", null,
                    "language ids taken even before a worker announced them: comma-separated (unset: only announced)"),
            // per API process, in memory; the bootstrap administrator's token is never limited
            new Setting("rate-per-token", "JUDGE_RATE_PER_TOKEN", "R:B", "200:400",
                    "requests a second per token, in bursts of B (off: no limit)"),
            new Setting("rate-per-address", "JUDGE_RATE_PER_ADDRESS", "R:B", "5000:10000",
                    "requests a second per client address (a contest hall shares one)"),
            new Setting("submit-rate-per-token", "JUDGE_SUBMIT_RATE_PER_TOKEN", "R:B", "10:60",
                    "submissions (or batches) a second per token, on top of the request rate"),
            new Setting("submit-rate-per-address", "JUDGE_SUBMIT_RATE_PER_ADDRESS", "R:B", "100:500",
                    "submissions (or batches) a second per client address"),
            new Setting("upload-rate-per-address", "JUDGE_UPLOAD_RATE_PER_ADDRESS", "R:B", "1:10",
                    "problem uploads a second per client address"),
            new Setting("streams-per-address", "JUDGE_STREAMS_PER_ADDRESS", "N", "2000",
                    "open event streams per client address"),
            new Setting("streams-total", "JUDGE_STREAMS_TOTAL", "N", "10000",
                    "open event streams in all"),
            new Setting("trusted-proxies", "JUDGE_TRUSTED_PROXIES", "CIDRS", null,
                    "reverse proxies whose X-Forwarded-For names the client (per-address limits): comma-separated"),
            new Setting("insecure-sandbox", "JUDGE_INSECURE_SANDBOX", null, "false",
                    "run without isolation (development only)"));

    private static Map<String, Setting> declare(Setting... settings) {
        Map<String, Setting> byFlag = new LinkedHashMap<>();
        for (Setting s : settings) {
            byFlag.put(s.flag(), s);
        }
        return byFlag;
    }

    public static ServerConfig from(List<String> args, Map<String, String> env) {
        Map<String, String> flags = parseFlags(args);
        Settings s = new Settings(flags, env);
        CpuSet boxCores = s.cpuSet("box-cores");
        return new ServerConfig(
                s.integer("port", 0, 65535),
                Path.of(s.string("data")).toAbsolutePath().normalize(),
                s.string("db-url"),
                s.string("db-user"),
                s.string("db-password"),
                s.given("workers") ? s.integer("workers", 0, 1024) : boxCores.size(),
                s.string("admin-token"),
                Boolean.parseBoolean(s.string("insecure-sandbox")),
                s.choice("newcomer-rule", List.of("codeforces-2020", "start-1500")),
                s.callbackAllowList("callback-allow"),
                LogFormat.valueOf(s.choice("log-format", List.of("text", "json")).toUpperCase(java.util.Locale.ROOT)),
                s.integer("lease-seconds", 4, 3600),
                s.languageIds("languages"),
                s.limits(),
                boxCores);
    }

    /** This configuration with another callback allow-list. */
    public ServerConfig withCallbackAllow(CallbackAllowList allow) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, workers, adminToken, insecureSandbox,
                newcomerRule, allow, logFormat, leaseSeconds, languages, limits, boxCores);
    }

    /** This configuration with another log format. */
    public ServerConfig withLogFormat(LogFormat format) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, workers, adminToken, insecureSandbox,
                newcomerRule, callbackAllow, format, leaseSeconds, languages, limits, boxCores);
    }

    /** This configuration with other configured languages (ids of the judge's language table). */
    public ServerConfig withLanguages(List<String> ids) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, workers, adminToken, insecureSandbox,
                newcomerRule, callbackAllow, logFormat, leaseSeconds, ids, limits, boxCores);
    }

    /** This configuration with other rate limits and stream caps. */
    public ServerConfig withLimits(Limits other) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, workers, adminToken, insecureSandbox,
                newcomerRule, callbackAllow, logFormat, leaseSeconds, languages, other, boxCores);
    }

    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank();
    }

    /** Usage lines for {@code help}: one per setting, from its declaration. */
    public static String usage() {
        StringBuilder out = new StringBuilder();
        for (Setting s : SETTINGS.values()) {
            String flag = "--" + s.flag() + (s.value() == null ? "" : " " + s.value());
            String variable = s.variable() + (s.value() == null ? "=true" : "");
            String help = s.help() + (s.fallback() == null || s.value() == null ? "" : "; default " + s.fallback());
            out.append(String.format("  %-22s %-28s %s%n", flag, variable, help));
        }
        return out.toString();
    }

    private static Map<String, String> parseFlags(List<String> args) {
        Map<String, String> flags = new HashMap<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            Setting setting = SETTINGS.get(eq >= 0 ? name.substring(0, eq) : name);
            if (setting == null) {
                throw new ConfigException("unknown flag --" + (eq >= 0 ? name.substring(0, eq) : name));
            }
            if (eq >= 0) {
                value = name.substring(eq + 1);
            } else if (setting.value() == null) {
                value = "true";
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new ConfigException("flag --" + name + " needs a value");
            }
            flags.put(setting.flag(), value);
        }
        return flags;
    }

    private record Settings(Map<String, String> flags, Map<String, String> env) {
        /** The flag, else the variable, else the declared default (null when there is none). */
        String string(String name) {
            Setting setting = SETTINGS.get(name);
            String v = flags.get(name);
            if (v == null) {
                v = env.get(setting.variable());
            }
            return v == null || v.isEmpty() ? setting.fallback() : v;
        }

        /** Whether the flag or its variable is set (else the declared default applies). */
        boolean given(String name) {
            String v = flags.get(name);
            if (v == null) {
                v = env.get(SETTINGS.get(name).variable());
            }
            return v != null && !v.isEmpty();
        }

        CpuSet cpuSet(String name) {
            try {
                return CpuSet.parse(string(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(describe(name) + ": " + e.getMessage());
            }
        }

        String choice(String name, List<String> allowed) {
            String v = string(name);
            if (!allowed.contains(v)) {
                throw new ConfigException(describe(name) + " must be one of " + allowed + ", got '" + v + "'");
            }
            return v;
        }

        int integer(String name, int min, int max) {
            String v = string(name);
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

        Rate rate(String name) {
            try {
                return Rate.parse(string(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(describe(name) + ": " + e.getMessage());
            }
        }

        Limits limits() {
            return new Limits(rate("rate-per-token"), rate("rate-per-address"), rate("submit-rate-per-token"),
                    rate("submit-rate-per-address"), rate("upload-rate-per-address"),
                    integer("streams-per-address", 1, 1_000_000), integer("streams-total", 1, 1_000_000),
                    clientAddress("trusted-proxies"));
        }

        ClientAddress clientAddress(String name) {
            try {
                return ClientAddress.trusting(string(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(describe(name) + ": " + e.getMessage());
            }
        }

        CallbackAllowList callbackAllowList(String name) {
            try {
                return CallbackAllowList.parse(string(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(describe(name) + ": " + e.getMessage());
            }
        }

        /** Comma-separated ids, each a language of the judge's table. */
        List<String> languageIds(String name) {
            String v = string(name);
            List<String> ids = new ArrayList<>();
            if (v == null) {
                return ids;
            }
            for (String part : v.split(",")) {
                String id = part.trim();
                if (id.isEmpty()) {
                    continue;
                }
                if (LanguageTable.standard().byId(id).isEmpty()) {
                    throw new ConfigException(describe(name) + ": the judge has no language '" + id + "'");
                }
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            return ids;
        }

        private static String describe(String name) {
            return "--" + name + " (" + SETTINGS.get(name).variable() + ")";
        }
    }

    /** A setting that cannot be used; its message names the setting. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
