package org.cpjudge.api.access;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.Visibility;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.virtual.VirtualRun;
import org.cpjudge.api.virtual.VirtualRunStore;

/**
 * Who may see what, and when: the one place routes, pages, streams and reports ask. Administrators see
 * everything. For everyone else:
 * <ul>
 *   <li>A problem in no contest is a public practice problem. A problem of a contest not yet started does not
 *       exist. While its contest runs it can be read (a private contest's only by its contestants) but is
 *       practised only inside the contest. After the contest it is a practice problem, unless the contest says
 *       otherwise: then only its contestants still read it. A problem in several contests gets the least of
 *       what each allows, except for those competing with it in a running contest, who read it whatever the
 *       others say (they have it in hand already).</li>
 *   <li>A submission's author sees all of it. Until its contest is over, nobody else sees a contest submission
 *       at all; after it, its verdict is public, except that a try made in the freeze stays hidden until the
 *       contest is unfrozen or finalized, as on the board; its source only if the contest opens sources.
 *       Practice submissions show their verdict, never their source. Nothing is shown of a submission to a
 *       problem the viewer may not see.</li>
 *   <li>A virtual run's tries (made after the contest's end) and its result are its author's alone while the run
 *       is active, so nobody taking the contest later learns from them; once it is over they are shown as the
 *       contest's other submissions are.</li>
 * </ul>
 * The Contest API (CLICS) serves what the public scoreboard shows, the data behind its cells included (who tried
 * which problem when, and the verdicts of tries made before the freeze); it asks {@link #inContest} for problems.
 * Each decision reads the contests involved; {@link Session} remembers them over one request's many questions.
 */
public final class AccessPolicy {

    private final ContestStore contests;
    private final VirtualRunStore virtualRuns;

    public AccessPolicy(ContestStore contests, VirtualRunStore virtualRuns) {
        this.contests = contests;
        this.virtualRuns = virtualRuns;
    }

    /** Answers for one viewer at one moment, remembering the contests it read. */
    public Session session(Viewer viewer, Instant now) {
        return new Session(viewer, now);
    }

    /**
     * What a contest allows with its problems at {@code now}, for a contestant registered in it or not (an
     * administrator may do everything). The Contest API asks it for anonymous readers.
     */
    public static ProblemAccess inContest(Contest c, Instant now, boolean registered) {
        if (!c.startedAt(now)) {
            return ProblemAccess.HIDDEN;
        }
        if (!c.overAt(now)) {
            boolean readable = c.admission().visibility() == Visibility.PUBLIC || registered;
            return readable ? ProblemAccess.READ : ProblemAccess.HIDDEN;
        }
        if (c.admission().practiceAfter()) {
            return ProblemAccess.PRACTISE;
        }
        return registered ? ProblemAccess.READ : ProblemAccess.HIDDEN;
    }

    public final class Session {
        private final Viewer viewer;
        private final Instant now;
        private final Map<String, List<Contest>> contestsOfProblem = new HashMap<>();
        private final Map<String, Optional<Contest>> contestById = new HashMap<>();
        private final Map<String, Boolean> registered = new HashMap<>();
        private final Map<String, Optional<VirtualRun>> runs = new HashMap<>();

        private Session(Viewer viewer, Instant now) {
            this.viewer = viewer;
            this.now = now;
        }

        public Viewer viewer() {
            return viewer;
        }

        public ProblemAccess problem(String problemId) throws SQLException {
            if (viewer.administrator()) {
                return ProblemAccess.PRACTISE;
            }
            List<Contest> containing = contestsOf(problemId);
            ProblemAccess access = ProblemAccess.PRACTISE;
            for (Contest c : containing) {
                if (c.startedAt(now) && !c.overAt(now) && !viewer.anonymous() && registeredIn(c)) {
                    // competing in a running contest with it: what other contests keep hidden is already in hand
                    return ProblemAccess.READ;
                }
                access = access.atMost(inContest(c));
            }
            return access;
        }

        private ProblemAccess inContest(Contest c) throws SQLException {
            return AccessPolicy.inContest(c, now, !viewer.anonymous() && registeredIn(c));
        }


        public SubmissionAccess submission(SubmissionFacts s) throws SQLException {
            if (viewer.administrator() || viewer.is(s.authorId())) {
                return SubmissionAccess.SOURCE;
            }
            if (!problem(s.problemId()).visible()) {
                return SubmissionAccess.HIDDEN;
            }
            if (s.contestId() == null) {
                return SubmissionAccess.VERDICT;
            }
            Optional<Contest> found = contest(s.contestId());
            if (found.isEmpty()) {
                return SubmissionAccess.HIDDEN;
            }
            Contest c = found.get();
            if (!c.overAt(now)) {
                return SubmissionAccess.HIDDEN;
            }
            if (c.frozenAt(now) && !s.submittedAt().isBefore(c.freezeStart())) {
                return SubmissionAccess.HIDDEN;
            }
            if (s.madeAfterEndOf(c) && !virtualRunOver(c, s.authorId())) {
                return SubmissionAccess.HIDDEN;
            }
            return c.admission().sourcesPublicAfter() ? SubmissionAccess.SOURCE : SubmissionAccess.VERDICT;
        }

        /** A virtual run's result: its author's and the administrators' while it is active, then everyone's. */
        public boolean virtualResult(VirtualRun run) {
            return viewer.administrator() || viewer.is(run.userId()) || !run.activeAt(now);
        }

        private boolean virtualRunOver(Contest c, long authorId) throws SQLException {
            String key = c.id() + "\n" + authorId;
            Optional<VirtualRun> run = runs.get(key);
            if (run == null) {
                run = virtualRuns.find(c.id(), authorId);
                runs.put(key, run);
            }
            return run.isEmpty() || !run.get().activeAt(now);
        }

        private boolean registeredIn(Contest c) throws SQLException {
            if (viewer.anonymous()) {
                return false;
            }
            Boolean known = registered.get(c.id());
            if (known == null) {
                known = contests.isRegistered(c.id(), viewer.user().id());
                registered.put(c.id(), known);
            }
            return known;
        }

        private List<Contest> contestsOf(String problemId) throws SQLException {
            List<Contest> known = contestsOfProblem.get(problemId);
            if (known == null) {
                known = contests.containing(problemId);
                contestsOfProblem.put(problemId, known);
            }
            return known;
        }

        private Optional<Contest> contest(String id) throws SQLException {
            Optional<Contest> known = contestById.get(id);
            if (known == null) {
                known = contests.find(id);
                contestById.put(id, known);
            }
            return known;
        }
    }
}
