package org.cpjudge.api.report;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.ai.Attempt;
import org.cpjudge.api.ai.GroupReport;
import org.cpjudge.api.store.AiReportStore;

/**
 * The AI report's groups of attempts as a viewer may see them: only attempts whose verdicts the viewer may see
 * count (a live contest's attempts are their author's alone), as the access policy says for each submission.
 * Read by {@code GET /api/v1/ai/report} and by a model's page.
 */
public final class AttemptReports {

    private final AiReportStore store;
    private final AccessPolicy access;

    public AttemptReports(AiReportStore store, AccessPolicy access) {
        this.store = store;
        this.access = access;
    }

    /** One report per (handle, problem, group) of the filtered attempts the viewer may see. */
    public List<GroupReport> groups(Viewer viewer, AiReportStore.Filter filter) throws SQLException {
        return groups(access.session(viewer, Instant.now()), filter);
    }

    /** As {@link #groups(Viewer, AiReportStore.Filter)}, in a session the caller already holds. */
    public List<GroupReport> groups(AccessPolicy.Session session, AiReportStore.Filter filter) throws SQLException {
        if (!filter.any()) {
            throw new IllegalArgumentException("a report reads a problem's, contest's, handle's or model's attempts");
        }
        List<Attempt> visible = new ArrayList<>();
        for (AiReportStore.StoredAttempt a : store.attempts(filter)) {
            if (session.submission(a.facts()).visible()) {
                visible.add(a.attempt());
            }
        }
        return GroupReport.of(visible);
    }
}
