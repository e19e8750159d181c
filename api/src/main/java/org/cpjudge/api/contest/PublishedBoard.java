package org.cpjudge.api.contest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One version of one view of a contest's board, as readers get it. Pages and the whole board are encoded
 * once per version and kept (each row's text is shared across versions where the row did not change), so a
 * read is a map lookup.
 */
public final class PublishedBoard {

    /** Pages of this size unless asked otherwise. */
    public static final int DEFAULT_PER_PAGE = 100;
    /** The largest page served; the whole board is there without paging parameters. */
    public static final int MAX_PER_PAGE = 1000;
    /** Encodings kept per version; odd page sizes beyond this are encoded again. */
    private static final int CACHE_LIMIT = 256;

    private final Scoreboard scoreboard;
    private final long version;
    private final LiveScoreboards.View view;
    private final Map<String, Encoded> cache = new ConcurrentHashMap<>();
    private volatile Map<String, Integer> positions;

    PublishedBoard(Scoreboard scoreboard, long version, LiveScoreboards.View view) {
        this.scoreboard = scoreboard;
        this.version = version;
        this.view = view;
    }

    public Scoreboard scoreboard() {
        return scoreboard;
    }

    public long version() {
        return version;
    }

    public LiveScoreboards.View view() {
        return view;
    }

    public int totalRows() {
        return scoreboard.rows().size();
    }

    /** Bodies at least this large are also kept gzipped, for clients that accept it. */
    static final int GZIP_FROM_BYTES = 64 * 1024;

    /**
     * A body ready to send, and the ETag that names it; a large body also gzipped (compressed once, on first
     * demand: a 20,000-row board is about a twentieth of its size so).
     */
    public static final class Encoded {
        private final Buffer body;
        private final String etag;
        private volatile Buffer gzipped;

        Encoded(Buffer body, String etag) {
            this.body = body;
            this.etag = etag;
        }

        public Buffer body() {
            return body;
        }

        public String etag() {
            return etag;
        }

        /** The gzipped body, or null when the body is too small to be worth it. */
        public Buffer gzipped() {
            if (body.length() < GZIP_FROM_BYTES) {
                return null;
            }
            Buffer g = gzipped;
            if (g == null) {
                synchronized (this) {
                    if (gzipped == null) {
                        gzipped = gzip(body);
                    }
                    g = gzipped;
                }
            }
            return g;
        }

        /** The ETag of the gzipped body: another representation, so another tag. */
        public String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gzip\"";
        }

        private static Buffer gzip(Buffer body) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length() / 8);
            // the fastest level: the board changes with every verdict, and level 1 already shrinks it about 20x
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                }
            }) {
                z.write(body.getBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Buffer.buffer(out.toByteArray());
        }
    }

    /** The whole board, as the unpaged endpoint answers. */
    public Encoded whole() {
        return cache.computeIfAbsent("whole", k -> encode(1, Math.max(1, totalRows()), true));
    }

    /** The whole board as a Server-Sent Event named {@code scoreboard}, with the version as its id. */
    public Buffer wholeEvent() {
        Encoded e = cache.computeIfAbsent("event", k -> {
            Buffer body = whole().body();
            Buffer event = Buffer.buffer(body.length() + 64).appendString("id: " + version + "\nevent: scoreboard\ndata: ")
                    .appendBuffer(body).appendString("\n\n");
            return new Encoded(event, null);
        });
        return e.body();
    }

    /** Page {@code page} (from 1) of {@code perPage} rows; past the end a page has no rows. */
    public Encoded page(int page, int perPage) {
        String key = page + "/" + perPage;
        Encoded hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        Encoded fresh = encode(page, perPage, false);
        if (cache.size() < CACHE_LIMIT) {
            cache.putIfAbsent(key, fresh);
        }
        return fresh;
    }

    /** The page (from 1) holding the contestant, if they are on the board. */
    public Optional<Integer> pageOf(String handle, int perPage) {
        Map<String, Integer> index = positions;
        if (index == null) {
            index = new HashMap<>();
            List<ScoreboardRow> rows = scoreboard.rows();
            for (int i = 0; i < rows.size(); i++) {
                index.put(rows.get(i).handle(), i);
            }
            positions = index;
        }
        Integer at = index.get(handle);
        return at == null ? Optional.empty() : Optional.of(at / perPage + 1);
    }

    private Encoded encode(int page, int perPage, boolean whole) {
        List<ScoreboardRow> rows = scoreboard.rows();
        long from = (long) (page - 1) * perPage;
        int start = (int) Math.min(rows.size(), from);
        int end = (int) Math.min(rows.size(), from + perPage);
        JsonObject header = scoreboard.header().put("view", view.wire()).put("page", page).put("per_page", perPage)
                .put("total_rows", rows.size()).put("version", version);
        String head = header.encode();
        int size = head.length() + 16;
        for (int i = start; i < end; i++) {
            size += rows.get(i).encodedSize() + 1;
        }
        // one buffer of the right size, the rows' cached bytes copied in: no text is built for the whole board
        Buffer b = Buffer.buffer(size);
        b.appendString(head.substring(0, head.length() - 1)).appendString(",\"rows\":[");
        for (int i = start; i < end; i++) {
            if (i > start) {
                b.appendByte((byte) ',');
            }
            rows.get(i).appendTo(b);
        }
        b.appendString("]}");
        String etag = "\"" + scoreboard.contest().id().hashCode() + "-" + version + "-" + view.wire() + "-"
                + (whole ? "all" : page + "x" + perPage) + "\"";
        return new Encoded(b, etag);
    }
}
