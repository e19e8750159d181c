package org.cpjudge.api.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.store.Judgement;
import org.cpjudge.api.store.NewSubmission;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.api.store.UserStore;
import org.cpjudge.judge.Verdict;

/**
 * The queue's priority and fairness, and its claim throughput, on a real PostgreSQL (no judging): an AI lab
 * queues a batch of attempts, then a live contestant, a practising user and a second AI user submit once each;
 * prints the claim position each of those got. Then claims per second from a deep queue (one claimer, and several
 * at once; each claimed job completed as a worker does), beside two trivial baselines measured on the same pool:
 * a {@code SELECT 1} round trip and a committed one-row UPDATE (the floor of any claim, which commits a lease).
 *
 * <p>Run by bench/queue/priority-fairness.sh. Arguments: [batch size, default 2000] [deep queue, default 10000]
 * [claimers, default 4].
 */
public final class QueueBench {

    private static final String FILES = "[{\"name\":\"a.py\",\"content\":\"print(1)\"}]";
    private static final String ATTEMPT = "{\"group\":\"bench\",\"index\":1}";

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int deep = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int claimers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (Database db = TestDatabaseAccess.freshDatabase()) {
            UserStore users = new UserStore(db);
            long lab = users.create("ai_lab", "ai", "contestant", null, "model-a").orElseThrow().user().id();
            long lab2 = users.create("ai_lab2", "ai", "contestant", null, "model-b").orElseThrow().user().id();
            long live = users.create("live_contestant", "human", "contestant", null, null).orElseThrow().user().id();
            long practice = users.create("practising", "human", "contestant", null, null).orElseThrow().user().id();
            new ProblemStore(db).insert(new StoredProblem("p", "P", 1000, 256, 1, "hash"), new byte[] {1}, lab);
            SubmissionStore submissions = new SubmissionStore(db);
            JobQueue queue = new JobQueue(db, 600);

            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                submissions.create(new NewSubmission(lab, "p", "python3", FILES, null, ATTEMPT));
            }
            double enqueueSeconds = (System.nanoTime() - t0) / 1e9;
            UUID liveJob = submissions.create(new NewSubmission(live, "p", "python3", FILES, "live-round", null));
            UUID practiceJob = submissions.create(new NewSubmission(practice, "p", "python3", FILES, null, null));
            UUID lab2Job = submissions.create(new NewSubmission(lab2, "p", "python3", FILES, null, ATTEMPT));

            int position = 0;
            int livePos = -1;
            int practicePos = -1;
            int lab2Pos = -1;
            int firstLabPos = -1;
            for (Optional<JudgeTask> t = queue.claim("w", List.of("python3")); t.isPresent();
                 t = queue.claim("w", List.of("python3"))) {
                position++;
                UUID id = t.get().submissionId();
                if (id.equals(liveJob)) {
                    livePos = position;
                } else if (id.equals(practiceJob)) {
                    practicePos = position;
                } else if (id.equals(lab2Job)) {
                    lab2Pos = position;
                } else if (firstLabPos < 0) {
                    firstLabPos = position;
                }
                queue.complete(t.get().jobId(), "w", new Judgement(Verdict.AC, null, 1, 1, "", List.of()));
            }
            System.out.printf("queued: %d AI attempts from ai_lab (%.0f submissions/s through SubmissionStore.create),"
                    + " then 1 live-contest, 1 practice, 1 ai_lab2 attempt%n", batch, batch / enqueueSeconds);
            System.out.printf("claim positions (of %d): live contest #%d, practice #%d, ai_lab's first #%d,"
                    + " ai_lab2's single attempt #%d%n", position, livePos, practicePos, firstLabPos, lab2Pos);

            // a deep queue: claim throughput and the plan the claim uses
            t0 = System.nanoTime();
            long lastTenth = 0;
            for (int i = 0; i < deep; i++) {
                if (i == deep - deep / 10) {
                    lastTenth = System.nanoTime();
                }
                submissions.create(new NewSubmission(i % 10 == 0 ? lab2 : lab, "p", "python3", FILES, null, ATTEMPT));
            }
            long end = System.nanoTime();
            System.out.printf("deep queue: %d attempts enqueued at %.0f/s overall, %.0f/s for the last tenth"
                    + " (with %d already queued)%n", deep, deep / ((end - t0) / 1e9),
                    (deep / 10) / ((end - lastTenth) / 1e9), deep - deep / 10);
            System.out.println("claim plan with " + deep + " queued: " + plan(db));
            System.out.println("enqueue plan with " + deep + " queued: " + enqueuePlan(db, lab));
            double selectOne = selectOneRate(db, 2000);
            double commit = commitRate(db, 1000);
            // each claimed job is completed, as a worker does: the queue holds at most one leased job per claimer
            Judgement verdict = new Judgement(Verdict.AC, null, 1, 1, "", List.of());
            int single = deep / 4;
            long claimNanos = 0;
            t0 = System.nanoTime();
            for (int i = 0; i < single; i++) {
                long c0 = System.nanoTime();
                JudgeTask t = queue.claim("w", List.of("python3")).orElseThrow();
                claimNanos += System.nanoTime() - c0;
                queue.complete(t.jobId(), "w", verdict);
            }
            double singleCycles = single / ((System.nanoTime() - t0) / 1e9);
            double singleClaims = single / (claimNanos / 1e9);
            AtomicInteger claimed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(claimers);
            List<Future<?>> running = new ArrayList<>();
            t0 = System.nanoTime();
            for (int w = 0; w < claimers; w++) {
                String worker = "w" + w;
                running.add(pool.submit(() -> {
                    for (Optional<JudgeTask> t = queue.claim(worker, List.of("python3")); t.isPresent();
                         t = queue.claim(worker, List.of("python3"))) {
                        if (!queue.complete(t.get().jobId(), worker, verdict)) {
                            throw new IllegalStateException("a job was claimed twice");
                        }
                        claimed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double concurrentCycles = claimed.get() / ((System.nanoTime() - t0) / 1e9);
            pool.shutdown();
            System.out.printf("baselines: SELECT 1 round trips %.0f/s; one-row UPDATE commits %.0f/s (one connection"
                    + " at a time)%n", selectOne, commit);
            System.out.printf("1 claimer, queue of %d: claim alone %.0f/s; claim + complete %.0f jobs/s (%d jobs)%n",
                    deep, singleClaims, singleCycles, single);
            System.out.printf("%d claimers at once: claim + complete %.0f jobs/s (%d jobs, the rest of the queue)%n",
                    claimers, concurrentCycles, claimed.get());
        }
    }

    private static double commitRate(Database db, int n) throws Exception {
        try (Connection c = db.connection()) {
            c.createStatement().execute("CREATE TABLE bench_baseline (id INT PRIMARY KEY, n INT NOT NULL)");
            c.createStatement().execute("INSERT INTO bench_baseline VALUES (1, 0)");
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Connection c = db.connection();
                 PreparedStatement q = c.prepareStatement("UPDATE bench_baseline SET n = n + 1 WHERE id = 1")) {
                q.executeUpdate();
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double selectOneRate(Database db, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement("SELECT 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** The two lookups an enqueue makes: the class's lowest round and the user's highest. */
    private static String enqueuePlan(Database db, long user) throws Exception {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement("EXPLAIN SELECT"
                + " (SELECT min(round) FROM judge_jobs WHERE priority = 2),"
                + " (SELECT max(round) FROM judge_jobs WHERE user_id = " + user + " AND priority = 2)");
             ResultSet rs = q.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                String line = rs.getString(1).strip();
                if (line.contains("Scan")) {
                    plan.append(plan.isEmpty() ? "" : "; ").append(line.replaceAll("\\s+\\(cost.*", ""));
                }
            }
            return plan.toString();
        }
    }

    private static String plan(Database db) throws Exception {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement("EXPLAIN SELECT j.id FROM judge_jobs j"
                + " WHERE (j.lease_until IS NULL OR j.lease_until < now()) AND j.language = ANY ('{python3}')"
                + " ORDER BY j.priority, j.round, j.id FOR UPDATE OF j SKIP LOCKED LIMIT 1");
             ResultSet rs = q.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                String line = rs.getString(1).strip();
                if (line.contains("Scan")) {
                    plan.append(plan.isEmpty() ? "" : "; ").append(line.replaceAll("\\s+\\(cost.*", ""));
                }
            }
            return plan.toString();
        }
    }
}
