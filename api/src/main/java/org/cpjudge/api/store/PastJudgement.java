package org.cpjudge.api.store;

import java.time.Instant;
import org.cpjudge.judge.Verdict;

/** One entry of a submission's judging history: a verdict it was given, and when. */
public record PastJudgement(Verdict verdict, Instant judgedAt, boolean rejudge) {
}
