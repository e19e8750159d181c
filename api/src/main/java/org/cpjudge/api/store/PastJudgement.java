package org.cpjudge.api.store;

import java.time.Instant;

/** One entry of a submission's judging history: a verdict it was given, and when. */
public record PastJudgement(String verdict, Instant judgedAt, boolean rejudge) {
}
