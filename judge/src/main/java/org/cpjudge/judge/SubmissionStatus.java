package org.cpjudge.judge;

import java.util.Locale;

/** Where a submission is on its way through the judge; the schema's CHECK on submissions.status matches it. */
public enum SubmissionStatus {
    QUEUED, COMPILING, RUNNING, DONE;

    /** The lower-case name the API and the database use. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubmissionStatus ofWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
