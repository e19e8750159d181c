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
    private volatile JsonObject json;

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

    /**
     * The board as JSON with its {@code version}, made once for this version (the contest page renders from it
     * on every read). Shared by every reader: read it, never change it.
     */
    public JsonObject json() {
        JsonObject made = json;
        if (made == null) {
            made = scoreboard.toJson().put("version", version);
            json = made;
        }
        return made;
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
            ChunkedOutput out = new ChunkedOutput();
            // the fastest level: the board changes with every verdict, and level 1 already shrinks it about 20x
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                }
            }) {
                io.netty.buffer.ByteBuf in = ((io.vertx.core.internal.buffer.BufferInternal) body).getByteBuf();
                byte[] piece = new byte[Chunks.CHUNK];
                while (in.isReadable()) {
                    int n = Math.min(piece.length, in.readableBytes());
                    in.readBytes(piece, 0, n);
                    z.write(piece, 0, n);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.chunks.buffer();
        }

        /** An output stream into chunks. */
        private static final class ChunkedOutput extends java.io.OutputStream {
            final Chunks chunks = new Chunks();

            @Override
            public void write(int b) {
                chunks.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                chunks.write(java.util.Arrays.copyOfRange(b, off, off + len));
            }
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
            io.netty.buffer.ByteBuf all = io.netty.buffer.Unpooled.wrappedBuffer(
                    io.netty.buffer.Unpooled.copiedBuffer("id: " + version + "\nevent: scoreboard\ndata: ",
                            java.nio.charset.StandardCharsets.UTF_8),
                    ((io.vertx.core.internal.buffer.BufferInternal) body).getByteBuf(),
                    io.netty.buffer.Unpooled.copiedBuffer("\n\n", java.nio.charset.StandardCharsets.UTF_8));
            return new Encoded(io.vertx.core.internal.buffer.BufferInternal.buffer(
                    io.netty.buffer.Unpooled.unreleasableBuffer(all)), null);
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
        // The rows' cached bytes are copied into chunks of CHUNK bytes, sent as one composite buffer: no text is
        // built for the whole board, and no single array is so large that the collector must treat it apart
        // (G1 allocates objects over half a region straight into the old generation).
        Chunks b = new Chunks();
        b.append(head.substring(0, head.length() - 1) + ",\"rows\":[");
        for (int i = start; i < end; i++) {
            if (i > start) {
                b.append(",");
            }
            b.append(rows.get(i));
        }
        b.append("]}");
        String etag = "\"" + scoreboard.contest().id().hashCode() + "-" + version + "-" + view.wire() + "-"
                + (whole ? "all" : page + "x" + perPage) + "\"";
        return new Encoded(b.buffer(), etag);
    }

    /** Bytes gathered in fixed-size chunks, then seen as one buffer without copying. */
    static final class Chunks {
        static final int CHUNK = 128 * 1024;
        private final java.util.List<io.netty.buffer.ByteBuf> chunks = new java.util.ArrayList<>();
        private io.netty.buffer.ByteBuf current;

        void append(String text) {
            write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        void append(ScoreboardRow row) {
            append("{\"rank\":" + row.rank() + ",");
            write(row.encodedRest());
        }

        void append(Buffer bytes) {
            io.netty.buffer.ByteBuf b = ((io.vertx.core.internal.buffer.BufferInternal) bytes).getByteBuf();
            byte[] copy = new byte[b.readableBytes()];
            b.readBytes(copy);
            write(copy);
        }

        private void write(byte[] bytes) {
            int at = 0;
            while (at < bytes.length) {
                if (current == null || !current.isWritable()) {
                    current = io.netty.buffer.Unpooled.buffer(CHUNK, CHUNK);
                    chunks.add(current);
                }
                int n = Math.min(current.writableBytes(), bytes.length - at);
                current.writeBytes(bytes, at, n);
                at += n;
            }
        }

        Buffer buffer() {
            io.netty.buffer.ByteBuf all = io.netty.buffer.Unpooled.wrappedBuffer(chunks.size(),
                    chunks.toArray(new io.netty.buffer.ByteBuf[0]));
            // shared by every response that sends this version: nobody may free it
            return io.vertx.core.internal.buffer.BufferInternal.buffer(io.netty.buffer.Unpooled.unreleasableBuffer(all));
        }
    }
}
