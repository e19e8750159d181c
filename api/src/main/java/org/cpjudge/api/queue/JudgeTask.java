package org.cpjudge.api.queue;

import java.time.Duration;
import java.util.UUID;

/**
 * A claimed job: what a worker needs to judge one submission.
 *
 * @param attempt      how many times this job was claimed, this claim included
 * @param runAllTests  the submission is an AI contestant's attempt: every test runs, even past the first
 *                     failure, so that attempts can be compared by their outputs on all tests
 * @param priority     the class it was claimed in; a {@link JobPriority#REJUDGE} job's judgement is marked as
 *                     coming from a rejudge in the submission's history
 * @param waited       how long the job had been queued when claimed (by the database's clock): the first part of
 *                     its judging latency
 */
public record JudgeTask(long jobId, int attempt, UUID submissionId, String problemId, String language,
                        String filesJson, boolean runAllTests, JobPriority priority, Duration waited) {
}
