package org.cpjudge.api.ai;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import org.cpjudge.judge.Verdict;

/**
 * One AI contestant's attempt at a problem, as the report reads it: a submission carrying {@code "attempt"}.
 *
 * @param group      the group of independent samples it belongs to (null when the submission named none)
 * @param index      its index within the group (null when not given: it then counts after the indexed ones)
 * @param model      the model named by the attempt, else the contestant's model, else null
 * @param costUsd    null when not given; exact decimals so that sums of prices stay exact
 * @param verdict    null while the attempt is not yet judged
 * @param behaviour  what it did on every test (each test's verdict and output fingerprint): attempts with
 *                   equal behaviour behave alike
 * @param passedSamples  whether it compiled and every one of the problem's sample tests (those named
 *                   {@code sample/...}) was accepted: only such attempts are clustered (AlphaCode's filtering)
 */
public record Attempt(String submissionId, String handle, String problem, String group, Long index, String model,
                      BigDecimal costUsd, BigDecimal tokens, Instant submittedAt, Verdict verdict, String behaviour,
                      boolean passedSamples) {

    /** Lowest index first (attempts without one last), then the earliest submitted. */
    public static final Comparator<Attempt> EARLIEST_FIRST = Comparator
            .comparing(Attempt::index, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Attempt::submittedAt)
            .thenComparing(Attempt::submissionId);

    public boolean judged() {
        return verdict != null;
    }

    /** JE is the judge's failure: such an attempt says nothing about the model and is no sample. */
    public boolean judgeError() {
        return verdict == Verdict.JE;
    }

    /** A sample for the statistics: judged, and not by a judge that failed. */
    public boolean sample() {
        return judged() && !judgeError();
    }

    /**
     * A sample that survives the filter: it compiled and passed the sample tests, as the statement's examples
     * let a contestant check before submitting. Only these take part in consensus and n@k clusters.
     */
    public boolean clustered() {
        return sample() && verdict != Verdict.CE && passedSamples;
    }

    public boolean correct() {
        return verdict == Verdict.AC;
    }
}
