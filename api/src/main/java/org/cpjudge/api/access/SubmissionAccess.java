package org.cpjudge.api.access;

/** What a viewer may see of a submission, from least to most. */
public enum SubmissionAccess {
    /** As if it did not exist: 404. */
    HIDDEN,
    /** Its verdict, score, per-test results and compile output, not its source. */
    VERDICT,
    /** Everything, the source files included. */
    SOURCE;

    public boolean visible() {
        return this != HIDDEN;
    }
}
