package org.cpjudge.api.store;

/**
 * A submission as accepted at the door.
 *
 * @param filesJson   {@code [{"name", "content"}]}
 * @param attemptJson AI attempt metadata, or null
 * @param callbackUrl where to POST it once judged (checked at the door), or null
 */
public record NewSubmission(long userId, String problemId, String language, String filesJson, String contestId,
                            String attemptJson, String callbackUrl) {

    /** A submission without a callback. */
    public NewSubmission(long userId, String problemId, String language, String filesJson, String contestId,
                         String attemptJson) {
        this(userId, problemId, language, filesJson, contestId, attemptJson, null);
    }
}
