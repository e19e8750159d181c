package org.cpjudge.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cpjudge.api.observe.LogFormat;
import org.junit.jupiter.api.Test;

/** Settings from flags and variables, each declared once: its default, its help line, its validation. */
class ServerConfigTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        ServerConfig c = ServerConfig.from(List.of(), Map.of());
        assertEquals(8080, c.port());
        assertEquals(Math.max(1, org.cpjudge.sandbox.CpuSet.ofThisProcess().size() - 1), c.workers(),
                "one worker per core but the one left to the judge");
        assertEquals("codeforces-2020", c.newcomerRule());
        assertTrue(c.callbackAllow().isEmpty(), "no private callback target by default");
        assertFalse(c.insecureSandbox());
        assertTrue(c.embeddedDatabase());
        assertEquals(60, c.leaseSeconds());
    }

    @Test
    void theBoxCoresDecideHowManyWorkersRunUnlessTheyAreGiven() {
        ServerConfig fallback = ServerConfig.from(List.of(), Map.of());
        assertEquals(org.cpjudge.sandbox.Sandboxes.defaultBoxCores(), fallback.boxCores());
        ServerConfig two = ServerConfig.from(List.of("--box-cores", "0-1"), Map.of());
        assertEquals("0-1", two.boxCores().toString());
        assertEquals(2, two.workers(), "one worker per box core");
        ServerConfig shared = ServerConfig.from(List.of("--workers", "3"), Map.of("JUDGE_BOX_CORES", "2"));
        assertEquals(3, shared.workers(), "given workers win (the boxes then share the core, with a warning)");
        assertEquals("2", shared.boxCores().toString());
        var bad = assertThrows(ServerConfig.ConfigException.class,
                () -> ServerConfig.from(List.of("--box-cores", "1-"), Map.of()));
        assertTrue(bad.getMessage().startsWith("--box-cores (JUDGE_BOX_CORES): not a cpu list"), bad.getMessage());
    }

    @Test
    void theLeaseComesFromItsFlagOrVariableWithinBounds() {
        assertEquals(8, ServerConfig.from(List.of("--lease-seconds", "8"), Map.of()).leaseSeconds());
        assertEquals(30, ServerConfig.from(List.of(), Map.of("JUDGE_LEASE_SECONDS", "30")).leaseSeconds());
        var bad = assertThrows(ServerConfig.ConfigException.class,
                () -> ServerConfig.from(List.of("--lease-seconds", "1"), Map.of()));
        assertTrue(bad.getMessage().startsWith("--lease-seconds (JUDGE_LEASE_SECONDS) must be between 4 and 3600"),
                bad.getMessage());
    }

    @Test
    void theCallbackAllowListComesFromItsFlagOrVariable() {
        ServerConfig fromEnv = ServerConfig.from(List.of(), Map.of("JUDGE_CALLBACK_ALLOW", "127.0.0.1:9000,10.0.0.0/8"));
        assertEquals("127.0.0.1:9000,10.0.0.0/8", fromEnv.callbackAllow().toString());
        ServerConfig fromFlag = ServerConfig.from(List.of("--callback-allow", "hooks.lab:443", "--insecure-sandbox",
                "--port=0"), Map.of("JUDGE_CALLBACK_ALLOW", "10.0.0.0/8"));
        assertEquals("hooks.lab:443", fromFlag.callbackAllow().toString(), "the flag wins");
        assertTrue(fromFlag.insecureSandbox());
        assertEquals(0, fromFlag.port());
        var bad = assertThrows(ServerConfig.ConfigException.class,
                () -> ServerConfig.from(List.of("--callback-allow", "10.0.0.1"), Map.of()));
        assertTrue(bad.getMessage().startsWith("--callback-allow (JUDGE_CALLBACK_ALLOW): '10.0.0.1'"), bad.getMessage());
    }

    @Test
    void theLogFormatIsTextUnlessJsonIsAskedFor() {
        assertEquals(LogFormat.TEXT, ServerConfig.from(List.of(), Map.of()).logFormat());
        assertEquals(LogFormat.JSON, ServerConfig.from(List.of(), Map.of("JUDGE_LOG_FORMAT", "json")).logFormat());
        assertEquals(LogFormat.TEXT, ServerConfig.from(List.of("--log-format", "text"),
                Map.of("JUDGE_LOG_FORMAT", "json")).logFormat(), "the flag wins");
        assertEquals("--log-format (JUDGE_LOG_FORMAT) must be one of [text, json], got 'xml'",
                assertThrows(ServerConfig.ConfigException.class,
                        () -> ServerConfig.from(List.of("--log-format=xml"), Map.of())).getMessage());
    }

    @Test
    void configuredLanguagesAreIdsOfTheJudgesTable() {
        assertEquals(List.of(), ServerConfig.from(List.of(), Map.of()).languages());
        assertEquals(List.of("c", "python3"),
                ServerConfig.from(List.of(), Map.of("JUDGE_LANGUAGES", " c, python3,,c")).languages());
        var bad = assertThrows(ServerConfig.ConfigException.class,
                () -> ServerConfig.from(List.of("--languages", "c,cobol"), Map.of()));
        assertEquals("--languages (JUDGE_LANGUAGES): the judge has no language 'cobol'", bad.getMessage());
    }

    @Test
    void badValuesNameTheirSetting() {
        assertEquals("--port (JUDGE_PORT) must be between 0 and 65535, got 70000",
                assertThrows(ServerConfig.ConfigException.class,
                        () -> ServerConfig.from(List.of("--port", "70000"), Map.of())).getMessage());
        assertEquals("unknown flag --nope", assertThrows(ServerConfig.ConfigException.class,
                () -> ServerConfig.from(List.of("--nope", "1"), Map.of())).getMessage());
        assertEquals("flag --workers needs a value", assertThrows(ServerConfig.ConfigException.class,
                () -> ServerConfig.from(List.of("--workers"), Map.of())).getMessage());
    }

    @Test
    void usageHasOneLinePerSettingWithItsVariableAndDefault() {
        String usage = ServerConfig.usage();
        assertEquals(22, usage.lines().count(), usage);
        assertTrue(usage.lines().anyMatch(l -> l.contains("--port N") && l.contains("JUDGE_PORT") && l.endsWith("default 8080")), usage);
        assertTrue(usage.lines().anyMatch(l -> l.contains("--callback-allow LIST") && l.contains("JUDGE_CALLBACK_ALLOW")), usage);
        assertTrue(usage.lines().anyMatch(l -> l.contains("--insecure-sandbox") && l.contains("JUDGE_INSECURE_SANDBOX=true")), usage);
    }
}
