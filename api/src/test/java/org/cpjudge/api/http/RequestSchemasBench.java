package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What checking a body against its schema costs, in microseconds per check: a typical submission (one 2 KB
 * Python file), an AI attempt's submission, and a rejudge body as the small baseline, measured in the same run.
 * Not a test (speed is no test's business): run it by hand, e.g. under {@code nice -n 19}, with the test
 * classpath; the figure decides whether POST /api/v1/submissions can afford the schema check. Each figure is the
 * thread's CPU time per check, which a loaded machine inflates less than the wall clock (printed too).
 */
public final class RequestSchemasBench {

    private RequestSchemasBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        RequestSchemas schemas = new RequestSchemas(OpenApiDocument.load());
        String source = "import sys\n" + "print(sum(map(int, sys.stdin.read().split())))\n".repeat(40);
        JsonObject submission = new JsonObject().put("problem", "sum").put("language", "python3")
                .put("files", new JsonArray().add(new JsonObject().put("name", "sum.py").put("content", source)));
        JsonObject attempt = submission.copy().put("attempt", new JsonObject().put("group", "g1").put("index", 3)
                .put("model", "gpt-test").put("cost_usd", 0.25).put("tokens", 1000));
        JsonObject rejudge = new JsonObject().put("problem", "p1").put("force", false);
        for (int round = 0; round < rounds; round++) {
            System.out.printf("round %d, per check (CPU / wall): submission %s, with attempt %s, rejudge %s%n", round,
                    micros(schemas, "/api/v1/submissions", submission, perRound),
                    micros(schemas, "/api/v1/submissions", attempt, perRound),
                    micros(schemas, "/api/v1/contests/{id}/rejudge", rejudge, perRound));
        }
    }

    private static String micros(RequestSchemas schemas, String path, JsonObject body, int times) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < times; i++) {
            schemas.check("post", path, body);
        }
        return String.format("%.1f / %.1f us", (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / times,
                (System.nanoTime() - wall) / 1000.0 / times);
    }
}
