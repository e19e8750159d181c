package org.cpjudge.api.contest;

/**
 * What a contest needs to know of a submission that belongs to an attempt group: the group, the index within
 * it, and what the consensus clusters by (as the AI report reads them).
 *
 * @param index          null when not given (it then counts after the indexed ones)
 * @param behaviour      each test's verdict and output fingerprint; null while not judged
 * @param passedSamples  compiled and passed the problem's sample tests
 */
public record AttemptTag(String group, Long index, String behaviour, boolean passedSamples) {
}
