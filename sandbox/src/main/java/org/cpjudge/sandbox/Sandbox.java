package org.cpjudge.sandbox;

import java.io.IOException;

/**
 * Runs one untrusted command with limits and measures what it used.
 *
 * <p>Implementations are safe to call from several threads at once: concurrent runs (an interactive
 * problem's validator and submission, or several judge workers) each get a box of their own.
 */
public interface Sandbox extends AutoCloseable {

    /** Runs the command described by {@code spec} to completion (or until a limit stops it). */
    SandboxResult run(SandboxSpec spec) throws IOException, InterruptedException;

    /** One line for the log: which isolation this sandbox gives (namespaces, cgroup v1/v2, insecure...). */
    String describe();

    @Override
    void close();
}
