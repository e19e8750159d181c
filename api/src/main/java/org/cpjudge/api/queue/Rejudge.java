package org.cpjudge.api.queue;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;
import org.cpjudge.api.store.SubmissionStore;

/**
 * Rejudging: submissions go back to 'queued' with no verdict (their judgements stay in their history) and are
 * queued in the {@link JobPriority#REJUDGE} class, in one transaction that also tells the API nodes of each
 * change. A submission that is queued or being judged already is left alone: it gets a fresh verdict anyway.
 */
public final class Rejudge {

    /**
     * @param rejudged      submissions put back in the queue (or, when refused, that would have been)
     * @param alreadyQueued submissions left alone because they were queued or being judged
     * @param refused       nothing was changed: the contest is finalized and rated, and the rejudge was not forced
     */
    public record Outcome(int rejudged, int alreadyQueued, boolean refused) {
    }

    private final Database db;
    private final SubmissionStore submissions;

    public Rejudge(Database db, SubmissionStore submissions) {
        this.db = db;
        this.submissions = submissions;
    }

    /** @param refuse only count what would be rejudged, and change nothing */
    public Outcome submission(UUID id, boolean refuse) throws SQLException {
        return rejudge(c -> List.of(id), refuse);
    }

    /** All of a contest's submissions, or one problem's ({@code problemIdOrNull}). */
    public Outcome contest(String contestId, String problemIdOrNull, boolean refuse) throws SQLException {
        return rejudge(c -> submissions.ofContest(c, contestId, problemIdOrNull), refuse);
    }

    private Outcome rejudge(Transactions.Work<List<UUID>> selection, boolean refuse) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            List<UUID> ids = selection.run(c);
            if (refuse) {
                int would = JobQueue.countNotQueued(c, ids);
                return new Outcome(would, ids.size() - would, true);
            }
            List<UUID> queued = JobQueue.enqueue(c, ids, JobPriority.REJUDGE);
            // the reset rows announce themselves to every API node (V7's trigger on submissions)
            submissions.resetForRejudge(c, queued);
            return new Outcome(queued.size(), ids.size() - queued.size(), false);
        });
    }
}
