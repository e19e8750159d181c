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

    /** A body ready to send, and the ETag that names it. */
    public record Encoded(Buffer body, String etag) {
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
        StringBuilder b = new StringBuilder(head.length() + 16 + (end - start) * 900);
        b.append(head, 0, head.length() - 1).append(",\"rows\":[");
        for (int i = start; i < end; i++) {
            if (i > start) {
                b.append(',');
            }
            b.append(rows.get(i).encode());
        }
        b.append("]}");
        String etag = "\"" + scoreboard.contest().id().hashCode() + "-" + version + "-" + view.wire() + "-"
                + (whole ? "all" : page + "x" + perPage) + "\"";
        return new Encoded(Buffer.buffer(b.toString()), etag);
    }
}
