package org.cpjudge.api.callback;

/** A callback URL that may not be called: its host resolves to a forbidden address, or does not resolve. */
public final class CallbackNotAllowed extends Exception {

    private final boolean unresolvable;

    CallbackNotAllowed(String message, boolean unresolvable) {
        super(message);
        this.unresolvable = unresolvable;
    }

    /** True when the host has no address at all (rather than a forbidden one). */
    public boolean unresolvable() {
        return unresolvable;
    }
}
