package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The packaged {@code judge.jar serve} as a child process, as a newcomer starts it, with its output kept. */
record JarServer(Process process, List<String> output) {

    static Path jar() {
        Path jar = Path.of("target", "judge.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "package the jar first: " + jar);
        return jar;
    }

    /** {@code prefix}: a command to run java under (such as setpriv to another user), or empty. */
    static JarServer start(List<String> prefix, Path jar, List<String> serveArgs) throws Exception {
        return start(prefix, jar, "serve", serveArgs);
    }

    /** {@code subcommand}: serve, api or worker. */
    static JarServer start(List<String> prefix, Path jar, String subcommand, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("java", "-jar", jar.toString(), subcommand));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JUDGE_"));
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new JarServer(p, lines);
    }

    void awaitReady() throws Exception {
        ApiClient api = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the server died: " + output);
            String listening = output.stream().filter(l -> l.contains("listening on")).findFirst().orElse(null);
            if (listening != null) {
                int port = Integer.parseInt(listening.replaceAll(".*localhost:(\\d+).*", "$1"));
                api = api == null ? new ApiClient(port) : api;
                if (api.get("/health/ready", null).status() == 200) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within 180 s: " + output);
    }

    /** Waits until a line of its output contains {@code text} (a worker process has no HTTP port to ask). */
    void awaitOutput(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            assertTrue(process.isAlive(), "the process died: " + output);
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within 180 s: " + output);
    }

    /** kill -9: the process gets no chance to clean up. */
    void kill() throws Exception {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed");
    }

    void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop on SIGTERM: " + output);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
