package org.cpjudge.sandbox;

import java.io.IOException;

/**
 * The sandbox itself failed a run (its supervisor died, did not answer in time, or could not set the box up):
 * an infrastructure failure that says nothing about the program that was run. A judge queue tries such a job
 * again instead of giving it a verdict.
 */
public final class SandboxFailure extends IOException {

    public SandboxFailure(String message) {
        super(message);
    }
}
