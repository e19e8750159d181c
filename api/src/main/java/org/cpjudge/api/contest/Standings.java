package org.cpjudge.api.contest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cpjudge.api.access.AccessPolicy;

/**
 * One view of a contest's board (public, or the jury's unfrozen one), kept up to date one submission at a
 * time: a changed submission recomputes its contestant's row only, moves that row to its new place in the
 * sorted list (binary search), and one linear pass re-ranks. Not thread-safe: one thread owns it.
 */
public final class Standings {

    private final Contest contest;
    private final ScoringRule rule;
    private final Comparator<ScoreboardRow> order;
    private final Comparator<ScoreboardRow> placement;
    private final boolean frozen;
    private final Map<Long, Participant> participants = new LinkedHashMap<>();
    private final Map<Long, Map<UUID, ContestSubmission>> triesByUser = new HashMap<>();
    private final Map<Long, ScoreboardRow> rowsByUser = new HashMap<>();
    private final List<ScoreboardRow> sorted = new ArrayList<>();
    private final boolean problemsHidden;
    /** Per problem: when it was first accepted (on this view), and by whom. */
    private final Map<String, Instant> firstSolveAt = new HashMap<>();

    /**
     * @param hideFrozen hide tries made after the freeze started, as the public board does while the contest is
     *                   frozen at {@code now}
     */
    public Standings(Contest contest, List<Participant> participants, List<ContestSubmission> tries, Instant now,
                     boolean hideFrozen) {
        // the public sees a contest's problems only when the access policy lets anonymous readers see them (from
        // the start; a private contest's not while it runs): no cells, no ids before
        this.problemsHidden = hideFrozen && problemsHiddenFromThePublic(contest, now);
        this.contest = problemsHidden ? contest.withoutProblems() : contest;
        this.rule = ScoringRule.of(this.contest);
        this.order = rule.order();
        this.placement = order.thenComparing(ScoreboardRow::handle)
                .thenComparingLong(r -> r.participant().userId());
        this.frozen = hideFrozen && contest.frozenAt(now);
        for (Participant p : participants) {
            this.participants.put(p.userId(), p);
        }
        for (ContestSubmission t : tries) {
            triesByUser.computeIfAbsent(t.userId(), u -> new LinkedHashMap<>()).put(t.id(), t);
        }
        for (Participant p : participants) {
            rowsByUser.put(p.userId(), computeRow(p));
        }
        for (String problem : this.contest.problemIds()) {
            firstSolveAt.put(problem, earliestSolve(problem));
        }
        for (Participant p : participants) {
            ScoreboardRow row = flagged(rowsByUser.get(p.userId()));
            rowsByUser.put(p.userId(), row);
            sorted.add(row);
        }
        sorted.sort(placement);
        rerank(new HashSet<>());
    }

    private static boolean problemsHiddenFromThePublic(Contest contest, Instant now) {
        return !AccessPolicy.inContest(contest, now, false).visible();
    }

    public Contest contest() {
        return contest;
    }

    public boolean frozen() {
        return frozen;
    }

    /**
     * Whether this view would show other things at {@code now} than it does (the contest started, the freeze
     * began or was lifted).
     */
    public boolean staleAt(Instant now, boolean hideFrozen) {
        return frozen != (hideFrozen && contest.frozenAt(now))
                || problemsHidden != (hideFrozen && problemsHiddenFromThePublic(contest, now));
    }

    /** The tries the model holds, for rebuilding another view without reading them again. */
    public List<ContestSubmission> tries() {
        List<ContestSubmission> all = new ArrayList<>();
        triesByUser.values().forEach(m -> all.addAll(m.values()));
        all.sort(Comparator.comparing(ContestSubmission::submittedAt).thenComparing(ContestSubmission::id));
        return all;
    }

    public List<Participant> participants() {
        return List.copyOf(participants.values());
    }

    /** Whether the model holds exactly this state of the submission already. */
    public boolean holds(ContestSubmission s) {
        Map<UUID, ContestSubmission> mine = triesByUser.get(s.userId());
        return mine != null && s.equals(mine.get(s.id()));
    }

    /** Whether the model holds this submission as judged while {@code s} says it waits again: a rejudge. */
    public boolean rejudges(ContestSubmission s) {
        Map<UUID, ContestSubmission> mine = triesByUser.get(s.userId());
        ContestSubmission held = mine == null ? null : mine.get(s.id());
        return held != null && held.judged() && !s.judged();
    }

    /** Whether this view shows the try's result (the freeze hides those made in it). */
    public boolean shows(ContestSubmission s) {
        return !frozen || s.submittedAt().isBefore(contest.freezeStart());
    }

    /**
     * What one change did to the board.
     *
     * @param rows  contestants whose rows changed in content (their rank may have changed too)
     * @param ranks contestants whose rank changed
     */
    public record Changes(Set<Long> rows, Set<Long> ranks) {
        public static final Changes NONE = new Changes(Set.of(), Set.of());

        public boolean none() {
            return rows.isEmpty() && ranks.isEmpty();
        }
    }

    /** The contestant's row as it stands, or null when they are not on the board. */
    public ScoreboardRow row(long userId) {
        return rowsByUser.get(userId);
    }

    /** Takes in a new or changed submission (or, with {@code removed}, one that no longer counts). */
    public Changes apply(ContestSubmission s, boolean removed) {
        Map<UUID, ContestSubmission> mine = triesByUser.computeIfAbsent(s.userId(), u -> new LinkedHashMap<>());
        if (removed ? mine.remove(s.id()) == null : s.equals(mine.put(s.id(), s))) {
            return Changes.NONE;
        }
        if (!removed && mine.size() > 1) {
            // keep the user's tries oldest first: the rules read them in order
            List<ContestSubmission> ordered = new ArrayList<>(mine.values());
            ordered.sort(Comparator.comparing(ContestSubmission::submittedAt).thenComparing(ContestSubmission::id));
            mine.clear();
            ordered.forEach(t -> mine.put(t.id(), t));
        }
        Participant p = participants.get(s.userId());
        if (p == null) {
            return Changes.NONE;
        }
        Set<Long> changed = new HashSet<>();
        ScoreboardRow before = rowsByUser.get(p.userId());
        ScoreboardRow fresh = computeRow(p);
        place(fresh);
        // a changed solve time may move a problem's first solve to or from other rows
        for (int i = 0; i < fresh.problems().size(); i++) {
            if (!java.util.Objects.equals(before.problems().get(i).solvedAt(), fresh.problems().get(i).solvedAt())) {
                refreshFirstSolve(fresh.problems().get(i).problem(), changed);
            }
        }
        ScoreboardRow now = rowsByUser.get(p.userId());
        ScoreboardRow marked = flagged(now);
        if (marked != now) {
            replaceInPlace(now, marked);
        }
        if (!marked.sameContent(before)) {
            changed.add(p.userId());
        }
        Set<Long> ranks = new HashSet<>();
        rerank(ranks);
        return new Changes(changed, ranks);
    }

    /** Moves the contestant's row to where {@code fresh} belongs in the sorted list, and indexes it. */
    private void place(ScoreboardRow fresh) {
        ScoreboardRow current = rowsByUser.get(fresh.participant().userId());
        int at = Collections.binarySearch(sorted, current, placement);
        if (at < 0 || sorted.get(at) != current) {
            at = sorted.indexOf(current);
        }
        sorted.remove(at);
        int to = Collections.binarySearch(sorted, fresh, placement);
        sorted.add(to < 0 ? -to - 1 : to, fresh);
        rowsByUser.put(fresh.participant().userId(), fresh);
    }

    /** Recomputes when a problem was first solved and re-flags the rows whose first-solve mark changed. */
    private void refreshFirstSolve(String problem, Set<Long> changed) {
        Instant before = firstSolveAt.get(problem);
        Instant after = earliestSolve(problem);
        firstSolveAt.put(problem, after);
        if (java.util.Objects.equals(before, after)) {
            return;
        }
        int index = contest.problemIds().indexOf(problem);
        for (ScoreboardRow row : new ArrayList<>(rowsByUser.values())) {
            ProblemResult cell = row.problems().get(index);
            boolean first = after != null && after.equals(cell.solvedAt());
            if (first != cell.firstSolve()) {
                ScoreboardRow fresh = flagged(row);
                replaceInPlace(row, fresh);
                changed.add(row.participant().userId());
            }
        }
    }

    /** A new first-solve mark does not move a row: it keeps its place in the sorted list. */
    private void replaceInPlace(ScoreboardRow row, ScoreboardRow fresh) {
        int at = Collections.binarySearch(sorted, row, placement);
        if (at < 0 || sorted.get(at) != row) {
            at = sorted.indexOf(row);
        }
        sorted.set(at, fresh);
        rowsByUser.put(row.participant().userId(), fresh);
    }

    private Instant earliestSolve(String problem) {
        int index = contest.problemIds().indexOf(problem);
        Instant earliest = null;
        for (ScoreboardRow row : rowsByUser.values()) {
            Instant at = row.problems().get(index).solvedAt();
            if (at != null && (earliest == null || at.isBefore(earliest))) {
                earliest = at;
            }
        }
        return earliest;
    }

    private ScoreboardRow flagged(ScoreboardRow row) {
        List<ProblemResult> cells = new ArrayList<>(row.problems().size());
        boolean differs = false;
        for (ProblemResult cell : row.problems()) {
            Instant first = firstSolveAt.get(cell.problem());
            ProblemResult f = cell.withFirstSolve(first != null && first.equals(cell.solvedAt()));
            differs |= f != cell;
            cells.add(f);
        }
        return differs ? row.withProblems(cells) : row;
    }

    /** Official rows take places among themselves; an unofficial row shows the place it would have had. */
    private void rerank(Set<Long> changed) {
        int officialBefore = 0;
        int groupRank = 1;
        for (int i = 0; i < sorted.size(); i++) {
            ScoreboardRow row = sorted.get(i);
            if (i == 0 || order.compare(sorted.get(i - 1), row) != 0) {
                groupRank = officialBefore + 1;
            }
            if (row.rank() != groupRank) {
                ScoreboardRow ranked = row.withRank(groupRank);
                sorted.set(i, ranked);
                rowsByUser.put(row.participant().userId(), ranked);
                changed.add(row.participant().userId());
            }
            if (!row.unofficial()) {
                officialBefore++;
            }
        }
    }

    private ScoreboardRow computeRow(Participant p) {
        Map<String, List<ContestSubmission>> visible = new HashMap<>();
        Map<String, Integer> hidden = new HashMap<>();
        int tries = 0;
        List<ContestSubmission> inContest = new ArrayList<>();
        for (ContestSubmission t : triesByUser.getOrDefault(p.userId(), Map.of()).values()) {
            if (contest.within(t.submittedAt()) && contest.includes(t.problem())) {
                inContest.add(t);
            }
        }
        // the contest's attempt rule: an attempt group may count as one try (recomputed from the raw tries on
        // every change, so a change of any attempt of a group changes the group's try)
        for (ContestSubmission t : CountedTries.of(contest.rules().aiAttempts(), inContest)) {
            tries++;
            if (frozen && !t.submittedAt().isBefore(contest.freezeStart())) {
                hidden.merge(t.problem(), 1, Integer::sum);
            } else {
                visible.computeIfAbsent(t.problem(), x -> new ArrayList<>()).add(t);
            }
        }
        List<ProblemResult> results = new ArrayList<>();
        int solved = 0;
        long penalty = 0;
        double score = 0;
        long lastAccepted = -1;
        for (ContestProblem problem : contest.problems()) {
            ProblemResult r = rule.result(problem, visible.getOrDefault(problem.problemId(), List.of()),
                    hidden.getOrDefault(problem.problemId(), 0), contest);
            results.add(r);
            if (r.solved()) {
                solved++;
                if (r.timeMinutes() != null) {
                    lastAccepted = Math.max(lastAccepted, r.timeMinutes());
                }
            }
            penalty += r.penaltyMinutes();
            score += r.score();
        }
        int rank = rowsByUser.containsKey(p.userId()) ? rowsByUser.get(p.userId()).rank() : 0;
        return new ScoreboardRow(rank, p, solved, penalty, score, results, tries, lastAccepted,
                p.unofficialIn(contest.rules()));
    }

    /** How many rows the board has. */
    public int snapshotSize() {
        return sorted.size();
    }

    /** The board as it stands: an immutable copy. */
    public Scoreboard snapshot() {
        return new Scoreboard(contest, frozen, List.copyOf(sorted));
    }
}
