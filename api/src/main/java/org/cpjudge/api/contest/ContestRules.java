package org.cpjudge.api.contest;

/**
 * How a contest is scored and rated.
 *
 * @param penaltyMinutes ICPC minutes per rejected try before the accepted one (20; 10 in Codeforces' educational rounds)
 * @param newcomerRule   the rating rule for accounts in their first rated contests, or null for the server's
 * @param aiAttempts     whether every attempt of an attempt group counts as a try, or only the group's consensus
 */
public record ContestRules(Scoring scoring, int penaltyMinutes, IoiRule ioiRule, boolean rated, String newcomerRule,
                           AiParticipation ai, AiAttempts aiAttempts) {

    public ContestRules {
        aiAttempts = aiAttempts == null ? AiAttempts.EVERY : aiAttempts;
    }

    /** Every attempt counts, as before contests could say otherwise. */
    public ContestRules(Scoring scoring, int penaltyMinutes, IoiRule ioiRule, boolean rated, String newcomerRule,
                        AiParticipation ai) {
        this(scoring, penaltyMinutes, ioiRule, rated, newcomerRule, ai, AiAttempts.EVERY);
    }

    public static final int DEFAULT_PENALTY_MINUTES = 20;

    public static ContestRules icpc(boolean rated) {
        return new ContestRules(Scoring.ICPC, DEFAULT_PENALTY_MINUTES, IoiRule.SUBTASK_MAX, rated, null,
                AiParticipation.RATED);
    }

    public static ContestRules of(Scoring scoring) {
        return new ContestRules(scoring, DEFAULT_PENALTY_MINUTES, IoiRule.SUBTASK_MAX, false, null,
                AiParticipation.RATED);
    }
}
