package org.cpjudge.judge;

import java.nio.file.Path;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.Sandboxes;

/**
 * One real sandbox and judge for all tests that run programs. Opening the secure sandbox throws when this
 * machine cannot isolate runs (not root, no cgroups): such tests then fail loudly rather than skip.
 */
final class TestJudge {

    private static Judge judge;

    private TestJudge() {
    }

    static synchronized Judge get() {
        if (judge == null) {
            Path target = Path.of("target").toAbsolutePath();
            Sandbox sandbox = Sandboxes.open(target.resolve("sandbox-state"));
            judge = new Judge(sandbox, Languages.detect(), target.resolve("judge-work"));
        }
        return judge;
    }
}
