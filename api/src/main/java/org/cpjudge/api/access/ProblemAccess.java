package org.cpjudge.api.access;

/** What a viewer may do with a problem, from least to most. */
public enum ProblemAccess {
    /** As if it did not exist: 404 everywhere. */
    HIDDEN,
    /** Read its metadata and statement; submit only within its contest. */
    READ,
    /** Read it and submit outside any contest (a practice problem). */
    PRACTISE;

    ProblemAccess atMost(ProblemAccess other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean visible() {
        return this != HIDDEN;
    }
}
