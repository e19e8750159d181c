package org.cpjudge.api.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cpjudge.api.contest.Admission;
import org.cpjudge.api.contest.AiAttempts;
import org.cpjudge.api.contest.AiParticipation;
import org.cpjudge.api.contest.AttemptTag;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.contest.ContestRules;
import org.cpjudge.api.contest.ContestSubmission;
import org.cpjudge.api.contest.IoiRule;
import org.cpjudge.api.contest.ProblemResult;
import org.cpjudge.api.contest.ScoreboardRow;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

/** A virtual run's row follows its contest's attempt rule, at the tries' virtual moments. */
class VirtualAttemptRuleTest {

    private static final Instant START = Instant.parse("2020-05-10T14:35:00Z");
    private static final Instant REAL = Instant.parse("2026-12-01T10:00:00Z");

    private static Contest contest(AiAttempts rule) {
        return new Contest("cf", "CF", START, 120, 0, new ContestRules(Scoring.ICPC, 20, IoiRule.SUBTASK_MAX, false,
                null, AiParticipation.RATED, rule), Admission.OPEN, List.of(new ContestProblem("a", "A", null)),
                START.plusSeconds(7200), null, null);
    }

    private static VirtualRunStore.VirtualTry attempt(long index, int minute, Verdict verdict, String behaviour) {
        ContestSubmission s = new ContestSubmission(UUID.randomUUID(), 7, "a", REAL.plusSeconds(index),
                SubmissionStatus.DONE, verdict, null, List.of(), new AttemptTag("g", index, behaviour, true));
        return new VirtualRunStore.VirtualTry(s, minute * 60_000L);
    }

    private static ProblemResult cell(AiAttempts rule) {
        VirtualRun run = new VirtualRun(1, "cf", 7, "bot", VirtualPolicy.DECLARED, REAL, null, 120, null);
        List<VirtualRunStore.VirtualTry> tries = List.of(attempt(0, 10, Verdict.WA, "w"),
                attempt(1, 20, Verdict.AC, "r"), attempt(2, 30, Verdict.AC, "r"));
        ScoreboardRow row = VirtualResult.board(contest(rule), run, tries, REAL.plusSeconds(60));
        return row.problems().get(0);
    }

    @Test
    void aConsensusContestsVirtualRunCountsTheGroupOnceAtItsLastVirtualMinute() {
        ProblemResult consensus = cell(AiAttempts.CONSENSUS);
        assertTrue(consensus.solved());
        assertEquals(1, consensus.attempts());
        assertEquals(30L, consensus.timeMinutes());
        assertEquals(30, consensus.penaltyMinutes());
        ProblemResult every = cell(AiAttempts.EVERY);
        assertEquals(2, every.attempts());
        assertEquals(20L, every.timeMinutes());
        assertEquals(40, every.penaltyMinutes());
    }
}
