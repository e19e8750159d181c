import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live scoreboard under load, on loopback: page reads at a fixed rate, the whole board, SSE streams held
 * open, and verdicts written with SQL (as a worker in another process would) timed until they reach every
 * stream. A trivial endpoint measured in the same run is the baseline. Prints figures; asserts nothing.
 *
 *   java -cp api/target/judge.jar bench/scoreboard/ScoreboardBench.java PORT JDBC_URL CONTEST [seconds] [rps] [streams]
 */
public class ScoreboardBench {

    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:" + args[0];
        String jdbc = args[1];
        String contest = args[2];
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int rps = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int streams = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        long serverPid = args.length > 6 ? Long.parseLong(args[6]) : -1;
        String boardPath = "/api/v1/contests/" + contest + "/scoreboard";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(10)).build();

        // 1. the first read builds the model from PostgreSQL
        long t0 = System.nanoTime();
        HttpResponse<byte[]> cold = http.send(get(base + boardPath), HttpResponse.BodyHandlers.ofByteArray());
        double coldMs = ms(t0);
        String head = new String(cold.body(), 0, Math.min(400, cold.body().length));
        System.out.printf("first read (board built from PostgreSQL): %.0f ms, %d bytes, status %d%n", coldMs,
                cold.body().length, cold.statusCode());
        int totalRows = Integer.parseInt(find(new String(cold.body(), 0, Math.min(2000, cold.body().length)),
                "\"total_rows\":(\\d+)"));
        System.out.println("rows on the board: " + totalRows + "  " + head.substring(0, Math.min(160, head.length())) + "...");

        // 2. the whole board, idle, cached for this version
        List<Double> wholeIdle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long s = System.nanoTime();
            HttpResponse<byte[]> r = http.send(get(base + boardPath), HttpResponse.BodyHandlers.ofByteArray());
            wholeIdle.add(ms(s));
            check(r);
        }
        System.out.printf("whole board, idle (cached), identity: %s ms, %.1f MB%n", summary(wholeIdle), cold.body().length / 1e6);
        List<Double> wholeIdleGzip = new ArrayList<>();
        int gzBytes = 0;
        for (int i = 0; i < 6; i++) {
            long s = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + boardPath))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            inflatedSize(r.body());
            if (i > 0) {
                wholeIdleGzip.add(ms(s)); // the first one compressed this version
            }
            gzBytes = r.body().length;
            check(r);
        }
        System.out.printf("whole board, idle (cached), gzip, inflated by the client: %s ms, %.2f MB on the wire%n",
                summary(wholeIdleGzip), gzBytes / 1e6);

        // 3. streams: a few cold ones that take the whole board first, then the rest resuming at this version.
        // Each stream is a plain socket read by its own thread: the JDK HttpClient multiplexes every connection
        // over one selector thread and would measure itself rather than the server.
        long version = Long.parseLong(find(head, "\"version\":(\\d+)"));
        Map<String, Long> verdictAt = new ConcurrentHashMap<>();
        List<Double> arrival = new CopyOnWriteArrayList<>();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger fullBoards = new AtomicInteger();
        CountDownLatch allOpen = new CountDownLatch(streams);
        List<Double> coldStream = new CopyOnWriteArrayList<>();
        int coldStreams = Math.min(5, streams);
        int port = Integer.parseInt(args[0]);
        for (int i = 0; i < streams; i++) {
            boolean resume = i >= coldStreams;
            Thread t = new Thread(() -> stream(port, boardPath + "/stream", resume ? version : -1, verdictAt, arrival,
                    connected, fullBoards, allOpen, coldStream), "stream-" + i);
            t.setDaemon(true);
            t.start();
            if (i % 100 == 99) {
                Thread.sleep(50);
            }
        }
        boolean open = allOpen.await(120, TimeUnit.SECONDS);
        System.out.printf("streams open: %d of %d (%s); %d took the whole board first: %s ms to receive it%n",
                connected.get(), streams, open ? "all" : "timed out", coldStreams, summary(coldStream));

        // 4. load: pages at a fixed rate, the baseline at a tenth of it, verdicts every 1.5 s, whole boards now and then
        // Open loop: each read has a scheduled moment; its latency runs from that moment to the last byte, so a
        // slow server cannot hide by delaying the next request. Plain keep-alive sockets: the JDK HttpClient costs
        // the load generator more CPU than the server spends answering.
        List<Double> pages = new CopyOnWriteArrayList<>();
        List<Double> baseline = new CopyOnWriteArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        int maxPage = Math.max(1, (totalRows + 99) / 100);
        java.util.concurrent.BlockingQueue<long[]> due = new java.util.concurrent.LinkedBlockingQueue<>();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(1);
        long periodMicros = 1_000_000L / rps;
        AtomicInteger tick = new AtomicInteger();
        long serverCpu0 = cpuMillis(serverPid);
        long clientCpu0 = cpuMillis(ProcessHandle.current().pid());
        long loadStart = System.nanoTime();
        var pageTask = clock.scheduleAtFixedRate(() -> {
            int n = tick.incrementAndGet();
            due.add(new long[] {System.nanoTime(), 0});
            if (n % 10 == 0) {
                due.add(new long[] {System.nanoTime(), 1}); // the baseline, at a tenth of the rate
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (int w = 0; w < 16; w++) {
            Random random = new Random(w);
            Thread t = new Thread(() -> {
                java.net.Socket socket = null;
                java.io.InputStream in = null;
                java.io.OutputStream out = null;
                while (loading.get()) {
                    long[] job;
                    try {
                        job = due.poll(100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (job == null) {
                        continue;
                    }
                    String path = job[1] == 1 ? "/health/live"
                            : boardPath + "?page=" + (1 + random.nextInt(maxPage)) + "&per_page=100";
                    try {
                        if (socket == null) {
                            socket = new java.net.Socket("127.0.0.1", port);
                            socket.setTcpNoDelay(true);
                            in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
                            out = socket.getOutputStream();
                        }
                        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.flush();
                        int status = readResponse(in);
                        if (status != 200) {
                            errors.incrementAndGet();
                        } else {
                            (job[1] == 1 ? baseline : pages).add(ms(job[0]));
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        try {
                            if (socket != null) {
                                socket.close();
                            }
                        } catch (Exception ignored) {
                            // reconnects below
                        }
                        socket = null;
                    }
                }
            }, "reader-" + w);
            t.setDaemon(true);
            t.start();
        }

        List<String[]> pending = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (PreparedStatement q = c.prepareStatement("SELECT s.id::text, u.handle FROM submissions s JOIN users u"
                    + " ON u.id = s.user_id WHERE s.contest_id = ? AND s.status = 'queued' ORDER BY s.created_at")) {
                q.setString(1, contest);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            List<Double> wholeLive = new ArrayList<>();
            List<Double> wholeLiveGzip = new ArrayList<>();
            HttpClient wholeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int judged = 0;
            Thread.sleep(2000);
            while (System.nanoTime() < end && judged < pending.size()) {
                String[] s = pending.get(judged++);
                verdictAt.put(s[1], System.nanoTime()); // from before the UPDATE: its own time counts too
                try (PreparedStatement q = c.prepareStatement(
                        "UPDATE submissions SET status = 'done', verdict = 'AC', judged_at = now() WHERE id = ?::uuid")) {
                    q.setString(1, s[0]);
                    q.executeUpdate(); // autocommit: committed when this returns
                }
                Thread.sleep(700);
                // the first whole read of the new version encodes it (and, asked for gzip, compresses it)
                long w = System.nanoTime();
                HttpRequest.Builder wb = HttpRequest.newBuilder(URI.create(base + boardPath)).timeout(Duration.ofSeconds(60));
                boolean gzip = judged % 2 == 0;
                if (gzip) {
                    wb.header("Accept-Encoding", "gzip");
                }
                HttpResponse<byte[]> r = wholeClient.send(wb.build(), HttpResponse.BodyHandlers.ofByteArray());
                check(r);
                int size = gzip ? inflatedSize(r.body()) : r.body().length;
                (gzip ? wholeLiveGzip : wholeLive).add(ms(w));
                if (judged <= 2) {
                    System.out.printf("whole board, %s: %d bytes on the wire, %d bytes of JSON%n",
                            gzip ? "gzip" : "identity", r.body().length, size);
                }
                Thread.sleep(800);
            }
            pageTask.cancel(false);
            loading.set(false);
            double wall = ms(loadStart);
            System.out.printf("CPU during the load phase (%.0f s of wall time, 2 cores = %.0f core-s): server %.1f core-s,"
                    + " load generator %.1f core-s%n", wall / 1000, 2 * wall / 1000,
                    (cpuMillis(serverPid) - serverCpu0) / 1000.0, (cpuMillis(ProcessHandle.current().pid()) - clientCpu0) / 1000.0);
            Thread.sleep(1500);
            clock.shutdownNow();
            System.out.printf("load: %d s, page reads at %d/s (per_page=100, random pages of %d), baseline GET /health/live at %d/s, %d streams open%n",
                    seconds, rps, maxPage, Math.max(1, rps / 10), connected.get());
            System.out.printf("page reads: %d done, %d errors; latency %s ms%n", pages.size(), errors.get(), summary(pages));
            System.out.printf("baseline /health/live: %d done; latency %s ms%n", baseline.size(), summary(baseline));
            System.out.printf("whole board under load, first read of each new version (encoded anew), identity: %s ms%n",
                    summary(wholeLive));
            System.out.printf("whole board under load, first read of each new version, gzip (compressed once, inflated by the client): %s ms%n",
                    summary(wholeLiveGzip));
            int expected = judged * connected.get();
            System.out.printf("verdicts written: %d; arrivals on streams: %d of %d; latency verdict -> stream %s ms%n",
                    judged, arrival.size(), expected, summary(arrival));
            System.out.printf("whole boards sent on streams: %d (the cold ones' first, plus any resync)%n", fullBoards.get());
        }
        System.exit(0);
    }

    /** utime + stime of a process, in milliseconds (Linux, 100 ticks a second). */
    static long cpuMillis(long pid) {
        if (pid < 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (Exception e) {
            return 0;
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    static int readResponse(java.io.InputStream in) throws java.io.IOException {
        String status = readLine(in);
        int length = 0;
        for (String h; !(h = readLine(in)).isEmpty(); ) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new java.io.EOFException();
        }
        return Integer.parseInt(status.split(" ")[1]);
    }

    static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new java.io.EOFException();
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    static int inflatedSize(byte[] gz) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            int total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
            return total;
        }
    }

    /** One SSE stream over a plain socket: counts whole boards, times the rows events naming a judged handle. */
    static void stream(int port, String path, long resumeAt, Map<String, Long> verdictAt, List<Double> arrival,
                       AtomicInteger connected, AtomicInteger fullBoards, CountDownLatch allOpen, List<Double> cold) {
        long opened = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + (resumeAt >= 0 ? "Last-Event-ID: " + resumeAt + "\r\n" : "") + "\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
            boolean counted = false;
            String event = null;
            StringBuilder line = new StringBuilder();
            boolean longLine = false;
            for (int b; (b = in.read()) >= 0; ) {
                if (b != '\n') {
                    if (line.length() < 4096 || !"scoreboard".equals(event)) {
                        line.append((char) b);
                    } else {
                        longLine = true; // a whole board: its text is not needed, only its end
                    }
                    continue;
                }
                String l = line.toString();
                line.setLength(0);
                if (l.startsWith("event: ")) {
                    event = l.substring(7).trim();
                } else if (l.startsWith(": resumed") || (l.startsWith("data: ") && "scoreboard".equals(event))) {
                    if ("scoreboard".equals(event) && l.startsWith("data: ")) {
                        fullBoards.incrementAndGet();
                    }
                    if (!counted) {
                        counted = true;
                        connected.incrementAndGet();
                        if (resumeAt < 0) {
                            cold.add(ms(opened));
                        }
                        allOpen.countDown();
                    }
                } else if (l.startsWith("data: ") && "rows".equals(event)) {
                    long now = System.nanoTime();
                    for (Map.Entry<String, Long> e : verdictAt.entrySet()) {
                        if (l.contains("\"handle\":\"" + e.getKey() + "\"") || (longLine && false)) {
                            arrival.add((now - e.getValue()) / 1e6);
                        }
                    }
                }
                longLine = false;
            }
        } catch (Exception e) {
            // the run is over
        }
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
    }

    static void check(HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("status " + r.statusCode());
        }
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(regex + " not in " + text);
        }
        return m.group(1);
    }

    static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static String summary(List<Double> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return String.format("p50 %.1f, p99 %.1f, max %.1f (n=%d)", v.get(v.size() / 2),
                v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * 0.99) - 1)), v.get(v.size() - 1), v.size());
    }
}
