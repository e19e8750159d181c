package org.cpjudge.api.contest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** A published version: the whole board, pages, around, the gzipped copy and the ETags say the same board. */
class PublishedBoardTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private static Scoreboard board(int contestants) {
        List<ContestProblem> problems = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            problems.add(new ContestProblem("p" + i, String.valueOf((char) ('A' + i)), null));
        }
        Contest c = new Contest("big", "Big", START, 120, 0, ContestRules.of(Scoring.ICPC), Admission.OPEN, problems,
                null, null, null);
        List<Participant> people = new ArrayList<>();
        List<ContestSubmission> tries = new ArrayList<>();
        for (int i = 0; i < contestants; i++) {
            people.add(new Participant(i, "h" + i, "human", "Team é " + i, null, 1500 + i));
            for (int p = 0; p < i % 5; p++) {
                tries.add(ScoreboardTest.submission(i, "p" + p, START.plusSeconds(60L * (i % 90) + p), "done", "AC", null));
            }
        }
        return Scoreboard.of(c, people, tries, START.plusSeconds(7200), true);
    }

    @Test
    void theWholeBoardPagesAndTheGzippedCopyAgree() throws Exception {
        Scoreboard scoreboard = board(300);
        PublishedBoard published = new PublishedBoard(scoreboard, 7, LiveScoreboards.View.PUBLIC);
        PublishedBoard.Encoded whole = published.whole();
        JsonObject json = new JsonObject(whole.body().toString());
        assertEquals(scoreboard.toJson().getJsonArray("rows"), json.getJsonArray("rows"));
        assertEquals(300, json.getInteger("total_rows"));
        assertEquals(7L, json.getLong("version"));
        assertTrue(whole.body().length() > PublishedBoard.GZIP_FROM_BYTES, "large enough to be gzipped");

        byte[] inflated;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(whole.gzipped().getBytes()))) {
            inflated = in.readAllBytes();
        }
        assertArrayEquals(whole.body().getBytes(), inflated);
        assertTrue(whole.gzipped().length() < whole.body().length() / 5);
        assertNotEquals(whole.etag(), whole.gzipEtag());
        assertTrue(whole.body().getBytes().length == whole.body().length(), "sending it twice reads it whole twice");

        JsonArray page = new JsonObject(published.page(3, 40).body().toString()).getJsonArray("rows");
        assertEquals(json.getJsonArray("rows").getList().subList(80, 120), page.getList());
        assertEquals(3, published.pageOf(page.getJsonObject(5).getString("handle"), 40).orElseThrow());
        assertNull(published.page(1, 10).gzipped(), "small bodies go as they are");
        assertNotEquals(published.page(1, 10).etag(), published.page(2, 10).etag());
        assertNotEquals(published.page(1, 10).etag(), new PublishedBoard(scoreboard, 8, LiveScoreboards.View.PUBLIC)
                .page(1, 10).etag(), "a new version is a new tag");
        String event = published.wholeEvent().toString();
        assertTrue(event.startsWith("id: 7\nevent: scoreboard\ndata: {"));
        assertEquals(json, new JsonObject(event.substring(event.indexOf("data: ") + 6).trim()));
    }
}
