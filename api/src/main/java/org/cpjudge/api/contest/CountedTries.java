package org.cpjudge.api.contest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cpjudge.api.ai.Attempt;
import org.cpjudge.api.ai.ConsensusPick;

/**
 * The contest's attempt rule, in one place: turns a contestant's raw tries (with their attempt groups) into the
 * tries that count on the board. Under {@link AiAttempts#EVERY} every submission is a try, as a human's would be.
 * Under {@link AiAttempts#CONSENSUS} the submissions of one attempt group (same contestant, problem and group)
 * count as one try: the group's consensus pick, by the AI report's rule ({@link ConsensusPick} over
 * {@link Attempt#clustered()} attempts, clustered by behaviour), made at the time of the group's last attempt,
 * since only then could a harness have chosen among them. Until every attempt of the group is judged the pick is
 * unknown, so the try is pending. Submissions without a group count as usual.
 */
public final class CountedTries {

    /** Oldest first, as the scoring rules read a contestant's tries. */
    private static final Comparator<ContestSubmission> OLDEST_FIRST =
            Comparator.comparing(ContestSubmission::submittedAt).thenComparing(ContestSubmission::id);

    private CountedTries() {
    }

    /** {@code tries}: one contestant's (or several's), oldest first; the tries that count, oldest first. */
    public static List<ContestSubmission> of(AiAttempts rule, List<ContestSubmission> tries) {
        if (rule == AiAttempts.EVERY || tries.stream().allMatch(t -> t.attempt() == null)) {
            return tries;
        }
        List<ContestSubmission> counted = new ArrayList<>();
        Map<List<Object>, List<ContestSubmission>> groups = new LinkedHashMap<>();
        for (ContestSubmission t : tries) {
            if (t.attempt() == null) {
                counted.add(t);
            } else {
                groups.computeIfAbsent(List.of(t.userId(), t.problem(), t.attempt().group()),
                        k -> new ArrayList<>()).add(t);
            }
        }
        for (List<ContestSubmission> group : groups.values()) {
            counted.add(consensusTry(group));
        }
        counted.sort(OLDEST_FIRST);
        return counted;
    }

    /** The group's one try: its pick's result at the moment of its last attempt, or pending. */
    private static ContestSubmission consensusTry(List<ContestSubmission> group) {
        ContestSubmission last = group.stream().max(OLDEST_FIRST).orElseThrow();
        ContestSubmission waiting = group.stream().filter(t -> !t.judged()).findFirst().orElse(null);
        if (waiting != null) {
            return new ContestSubmission(waiting.id(), last.userId(), last.problem(), last.submittedAt(),
                    waiting.status(), null, null, List.of(), waiting.attempt());
        }
        Map<String, ContestSubmission> byId = new HashMap<>();
        List<Attempt> attempts = new ArrayList<>();
        for (ContestSubmission t : group) {
            byId.put(t.id().toString(), t);
            attempts.add(new Attempt(t.id().toString(), null, t.problem(), t.attempt().group(), t.attempt().index(),
                    null, null, null, t.submittedAt(), t.verdict(),
                    Objects.requireNonNullElse(t.attempt().behaviour(), "-"), t.attempt().passedSamples()));
        }
        attempts.sort(Attempt.EARLIEST_FIRST);
        Attempt pick = ConsensusPick.of(attempts, Attempt::clustered, Attempt::behaviour).orElseThrow().pick();
        ContestSubmission chosen = byId.get(pick.submissionId());
        return new ContestSubmission(chosen.id(), chosen.userId(), chosen.problem(), last.submittedAt(),
                chosen.status(), chosen.verdict(), chosen.score(), chosen.subtasks(), chosen.attempt());
    }
}
