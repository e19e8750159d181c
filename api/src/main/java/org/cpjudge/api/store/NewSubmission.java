package org.cpjudge.api.store;

/**
 * A submission as accepted at the door.
 *
 * @param filesJson   {@code [{"name", "content"}]}
 * @param attemptJson AI attempt metadata, or null
 */
public record NewSubmission(long userId, String problemId, String language, String filesJson, String contestId,
                            String attemptJson) {
}
