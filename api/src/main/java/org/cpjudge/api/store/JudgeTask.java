package org.cpjudge.api.store;

import java.util.UUID;

/** A claimed job: what a worker needs to judge one submission. */
public record JudgeTask(long jobId, int attempt, UUID submissionId, String problemId, String language,
                        String filesJson) {
}
