package org.cpjudge.api.store;

import java.util.UUID;

/** A submission and the contest it counts in (null for practice). */
public record SubmissionRef(UUID id, String contestId) {
}
