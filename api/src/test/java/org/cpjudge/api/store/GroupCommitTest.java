package org.cpjudge.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.queue.JobPriority;
import org.junit.jupiter.api.Test;

/** The group commit's contract with its callers, with a writer that records the groups it is given. */
class GroupCommitTest {

    private static SubmissionStore.Queued submission(String problem) {
        return new SubmissionStore.Queued(new NewSubmission(1, problem, "python3", "[]", null, null, null),
                JobPriority.PRACTICE, null);
    }

    /** Writes a group after a pause (a commit's flush), refusing the whole group when it holds a "bad" item. */
    private static final class RecordingWriter implements GroupCommit.Writer {
        final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        final Set<String> written = Collections.synchronizedSet(new HashSet<>());

        @Override
        public List<UUID> write(List<SubmissionStore.Queued> group) throws SQLException {
            List<String> problems = group.stream().map(q -> q.submission().problemId()).toList();
            groups.add(problems);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (problems.contains("bad")) {
                throw new SQLException("violates a constraint", "23503");
            }
            written.addAll(problems);
            return problems.stream().map(p -> UUID.nameUUIDFromBytes(p.getBytes())).toList();
        }
    }

    @Test
    void concurrentSubmissionsShareCommitsAndEachGetsItsOwnId() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        GroupCommit commit = new GroupCommit(writer);
        ExecutorService callers = Executors.newFixedThreadPool(32);
        List<Future<UUID>> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String problem = "p" + i;
            ids.add(callers.submit(() -> commit.store(submission(problem))));
        }
        for (int i = 0; i < 400; i++) {
            assertEquals(UUID.nameUUIDFromBytes(("p" + i).getBytes()), ids.get(i).get(30, TimeUnit.SECONDS));
        }
        callers.shutdown();
        commit.close();
        assertEquals(400, writer.written.size(), "every submission written once");
        assertEquals(400, writer.groups.stream().mapToInt(List::size).sum(), "no submission written twice");
        assertTrue(writer.groups.size() < 400, "callers waiting together shared a commit: " + writer.groups.size()
                + " commits for 400");
        assertTrue(writer.groups.stream().allMatch(g -> g.size() <= GroupCommit.MAX_GROUP));
    }

    @Test
    void aRefusedSubmissionFailsAloneAndTheOthersInItsGroupAreStored() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        GroupCommit commit = new GroupCommit(writer);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<UUID>> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String problem = i == 30 ? "bad" : "p" + i;
            ids.add(callers.submit(() -> commit.store(submission(problem))));
        }
        for (int i = 0; i < 60; i++) {
            if (i == 30) {
                Future<UUID> refused = ids.get(i);
                var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> refused.get(30, TimeUnit.SECONDS));
                assertTrue(failure.getCause() instanceof SQLException sql && "23503".equals(sql.getSQLState()),
                        "the refused caller gets its own error: " + failure.getCause());
            } else {
                assertEquals(UUID.nameUUIDFromBytes(("p" + i).getBytes()), ids.get(i).get(30, TimeUnit.SECONDS));
            }
        }
        callers.shutdown();
        commit.close();
        assertEquals(59, writer.written.size());
    }

    @Test
    void aGroupWhoseConnectionWasLostIsNotWrittenAgain() throws Exception {
        List<Integer> writes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit commit = new GroupCommit(group -> {
            writes.add(group.size());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // the commit's answer lost: the rows may be stored, so nothing may be written twice
            throw new SQLException("An I/O error occurred while sending to the backend", "08006");
        });
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<UUID>> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String problem = "p" + i;
            ids.add(callers.submit(() -> commit.store(submission(problem))));
        }
        for (Future<UUID> id : ids) {
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> id.get(30, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof SQLException, failure.getCause().toString());
        }
        callers.shutdown();
        commit.close();
        assertEquals(40, writes.stream().mapToInt(Integer::intValue).sum(), "each submission tried exactly once");
    }

    @Test
    void aClosedWriterRefusesNewSubmissions() throws Exception {
        GroupCommit commit = new GroupCommit(new RecordingWriter());
        assertEquals(UUID.nameUUIDFromBytes("p".getBytes()), commit.store(submission("p")));
        commit.close();
        assertThrows(IllegalStateException.class, () -> commit.store(submission("q")));
    }
}
