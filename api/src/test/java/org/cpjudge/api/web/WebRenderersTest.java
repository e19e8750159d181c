package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page renderers, from JSON literals shaped like the API's answers. */
class WebRenderersTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    @Test
    void everyUserProvidedStringIsEscaped() {
        JsonObject submission = new JsonObject("""
                {"id": "0b0e7a52-0000-4000-8000-000000000001", "handle": "<script>", "problem": "<img src=x>",
                 "language": "cpp", "status": "done", "verdict": "CE", "score": null, "time_ms": 0, "memory_kb": 0,
                 "testcases": [], "compile_output": "a.cpp:1: error: </pre><script>alert(1)</script>"}
                """);
        String html = SubmissionPage.render(submission);
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x>"), html);
        assertTrue(html.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains(">&lt;script&gt;</a>"), "the handle is shown as text: " + html);

        JsonObject profile = new JsonObject().put("handle", "<script>").put("kind", "human").put("name", HOSTILE)
                .put("rating", 1500).put("max_rating", 1500).put("title", "Specialist")
                .put("history", new JsonArray().add(new JsonObject().put("contest", HOSTILE).put("rank", 1)
                        .put("old_rating", 1400).put("new_rating", 1500)));
        assertNoHostileMarkup(ProfilePage.render(profile));

        JsonObject board = new JsonObject().put("contest", HOSTILE).put("frozen", false).put("rows", new JsonArray()
                .add(new JsonObject().put("rank", 1).put("handle", "<script>").put("kind", "human").put("solved", 0)
                        .put("penalty", 0).put("score", 0).put("problems", new JsonArray()
                                .add(new JsonObject().put("problem", HOSTILE).put("solved", false).put("attempts", 1)))));
        assertNoHostileMarkup(ScoreboardPage.render(new JsonObject().put("id", HOSTILE).put("name", HOSTILE), board));

        JsonObject leaderboard = new JsonObject().put("rows", new JsonArray().add(new JsonObject().put("rank", 1)
                .put("handle", "<script>").put("kind", "ai").put("rating", 1500).put("title", HOSTILE).put("percentile", 50)));
        assertNoHostileMarkup(LeaderboardPage.render(leaderboard, "all"));

        assertNoHostileMarkup(ContestsPage.render(new JsonArray().add(new JsonObject().put("id", HOSTILE)
                .put("name", HOSTILE).put("start", "2026-01-01T10:00:00Z").put("duration_minutes", 90))));
        assertNoHostileMarkup(WebRoutes.Page.notFound("No user has the handle '" + HOSTILE + "'.").html());
        assertNoHostileMarkup(ContestsPage.render(new JsonArray(), new JsonArray().add(new JsonObject().put("id", "p1")
                .put("name", HOSTILE)), Instant.now()));
    }

    private static void assertNoHostileMarkup(String html) {
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("href=\"/contests/<"), html);
        assertTrue(html.contains("&lt;script&gt;"), "shown as text: " + html);
    }

    @Test
    void linksPercentEncodeWhatTheyCarry() {
        assertEquals("a%2Fb%20c%3F", Format.segment("a/b c?"));
        assertTrue(handle("tourist", "Legendary Grandmaster").contains("href=\"/users/tourist\""));
        assertTrue(handle("a/b", null).contains("href=\"/users/a%2Fb\""), handle("a/b", null));
    }

    @Test
    void pagesCarryNoInlineScriptsOnlyOurFiles() {
        JsonObject contest = new JsonObject().put("id", "r").put("name", "R").put("scoring", "icpc")
                .put("problems", new JsonArray().add("a"));
        JsonObject board = new JsonObject().put("contest", "r").put("rows", new JsonArray());
        for (String html : List.of(ScoreboardPage.render(contest, board),
                ContestsPage.render(new JsonArray().add(contest.copy().put("start", "2026-01-01T10:00:00Z")
                        .put("duration_minutes", 60))),
                SubmissionPage.render(new JsonObject().put("id", "x").put("status", "queued")),
                LeaderboardPage.render(new JsonObject(), "all"))) {
            Matcher m = Pattern.compile("<script([^>]*)>").matcher(html);
            int scripts = 0;
            while (m.find()) {
                scripts++;
                assertTrue(m.group(1).matches(" src=\"/static/js/[a-z-]+\\.js\" defer"), "a script file: " + m.group());
            }
            assertTrue(scripts >= 1, "session.js at least: " + html);
            assertTrue(html.contains("src=\"/static/js/session.js\""), html);
        }
    }

    private static String handle(String handle, String title) {
        Map<String, Object> params = new HashMap<>();
        params.put("handle", handle);
        params.put("title", title);
        return Templates.render("tag/handle.jte", params);
    }

    @Test
    void handlesAreColoredByTheirTitle() {
        assertTrue(handle("a", "Newbie").contains("class=\"handle title-newbie\""));
        assertTrue(handle("a", "Candidate Master").contains("title-candidate-master"));
        assertTrue(handle("a", "International Grandmaster").contains("title-international-grandmaster"));
        assertTrue(handle("a", null).contains("unrated"));
        assertEquals("title-expert", Titles.cssClassOfRating(1899));
        assertEquals("title-candidate-master", Titles.cssClassOfRating(1900));
        assertEquals("title-legendary-grandmaster", Titles.cssClassOfRating(3000));
        assertEquals("title-newbie", Titles.cssClassOfRating(1199));
    }

    @Test
    void icpcCellsShowTriesAndTheMinuteOfAcceptance() {
        JsonObject contest = new JsonObject().put("id", "round1").put("name", "Round 1").put("scoring", "icpc")
                .put("problems", new JsonArray().add("a").add("b").add("c"));
        JsonObject board = new JsonObject().put("contest", "round1").put("frozen", true).put("rows", new JsonArray()
                .add(new JsonObject().put("rank", 1).put("handle", "alice").put("kind", "human").put("solved", 1)
                        .put("penalty", 57).put("problems", new JsonArray()
                                .add(new JsonObject().put("problem", "a").put("solved", true).put("attempts", 3).put("time_minutes", 17))
                                .add(new JsonObject().put("problem", "b").put("solved", false).put("attempts", 2))
                                .add(new JsonObject().put("problem", "c").put("solved", false).put("attempts", 0)))));
        String html = ScoreboardPage.render(contest, board);
        assertTrue(html.contains("<td class=\"cell solved\">+2<small>17</small></td>"), html);
        assertTrue(html.contains("<td class=\"cell failed\">−2</td>"), html);
        assertTrue(html.contains("frozen"), html);
        // the columns in the contest's order, each label linking to its statement
        assertTrue(html.contains("<th class=\"cell\" scope=\"col\"><a href=\"/problems/a\" title=\"a\">a</a></th>"
                + "<th class=\"cell\" scope=\"col\"><a href=\"/problems/b\" title=\"b\">b</a></th>"
                + "<th class=\"cell\" scope=\"col\"><a href=\"/problems/c\" title=\"c\">c</a></th>"), html);
        // the live script is a file; it finds the board by its id and the contest in it
        assertTrue(html.contains("<script src=\"/static/js/scoreboard.js\" defer></script>"), html);
        assertTrue(html.contains("id=\"scoreboard\""), html);
        assertTrue(html.contains("data-contest=\"round1\""), html);
    }

    @Test
    void theHomePageCountsDownToStartsAndEndsAndListsPracticeProblems() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        JsonArray contests = new JsonArray()
                .add(new JsonObject().put("id", "now").put("name", "Running round").put("start", "2026-06-01T11:00:00Z")
                        .put("duration_minutes", 120))
                .add(new JsonObject().put("id", "soon").put("name", "Next round").put("start", "2026-06-03T13:02:03Z")
                        .put("duration_minutes", 90));
        JsonArray practice = new JsonArray().add(new JsonObject().put("id", "sum").put("name", "A plus B")
                .put("time_limit_ms", 2000).put("memory_limit_mb", 256));
        String html = ContestsPage.render(contests, practice, now);
        // the running contest counts down to its end, the upcoming one to its start; the script ticks them
        assertTrue(html.contains("data-until=\"2026-06-01T13:00:00Z\">01:00:00</time>"), html);
        assertTrue(html.contains("data-until=\"2026-06-03T13:02:03Z\">2 d 01:02:03</time>"), html);
        assertTrue(html.contains("<script src=\"/static/js/countdown.js\" defer></script>"), html);
        assertTrue(html.indexOf("Practice problems") < html.indexOf("href=\"/problems/sum\">A plus B</a>"), html);
        assertTrue(html.contains("2 s · 256 MB"), html);
        String none = ContestsPage.render(new JsonArray(), new JsonArray(), now);
        assertTrue(none.contains("No practice problems yet"), none);
    }

    @Test
    void aContestPageCountsDownToItsStartAndHasItsOwnClock() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        JsonObject contest = new JsonObject().put("id", "soon").put("name", "Soon").put("status", "upcoming")
                .put("start", "2026-06-01T12:10:00Z").put("duration_minutes", 60).put("scoring", "icpc")
                .put("problems", new JsonArray());
        String html = ScoreboardPage.render(contest, new JsonObject().put("contest", "soon").put("rows", new JsonArray()), 1, now);
        assertTrue(html.contains("Starts in</span> <time class=\"countdown\" datetime=\"2026-06-01T12:10:00Z\""
                + " data-until=\"2026-06-01T12:10:00Z\" data-then=\"reload\">00:10:00</time>"), html);
        String running = ScoreboardPage.render(contest.copy().put("status", "running"),
                new JsonObject().put("contest", "soon").put("rows", new JsonArray()), 1, Instant.parse("2026-06-01T12:40:00Z"));
        assertTrue(running.contains("Ends in</span>"), running);
        assertTrue(running.contains(">00:30:00</time>"), running);
    }

    @Test
    void scoreboardRowsCarryTitlesFirstSolvesAndFrozenCells() {
        JsonObject contest = new JsonObject().put("id", "r").put("name", "R").put("scoring", "icpc")
                .put("problems", new JsonArray().add("a").add("b"));
        JsonObject board = new JsonObject().put("contest", "r").put("frozen", true).put("rows", new JsonArray()
                .add(new JsonObject().put("rank", 1).put("handle", "alice").put("title", "Expert").put("solved", 1)
                        .put("penalty", 20).put("problems", new JsonArray()
                                .add(new JsonObject().put("problem", "a").put("solved", true).put("attempts", 1)
                                        .put("time_minutes", 20).put("first_solve", true))
                                .add(new JsonObject().put("problem", "b").put("solved", false).put("attempts", 1)
                                        .put("pending", 2)))));
        String html = ScoreboardPage.render(contest, board);
        assertTrue(html.contains("<a class=\"handle title-expert\" href=\"/users/alice\">alice</a>"), html);
        assertTrue(html.contains("<td class=\"cell solved\">+<small>20</small><span class=\"first\" title=\"first to solve\">★</span></td>"), html);
        assertTrue(html.contains("<td class=\"cell pending frozen\">−1 ?<small>2 frozen</small></td>"), html);
        assertTrue(html.contains("data-frozen=\"true\""), html);
    }

    @Test
    void bigBoardsArePaged() {
        JsonArray rows = new JsonArray();
        for (int i = 1; i <= 250; i++) {
            rows.add(new JsonObject().put("rank", i).put("handle", String.format("u%03d", i)).put("solved", 0)
                    .put("penalty", 0).put("problems", new JsonArray()));
        }
        JsonObject contest = new JsonObject().put("id", "big").put("name", "Big").put("scoring", "icpc")
                .put("problems", new JsonArray());
        JsonObject board = new JsonObject().put("contest", "big").put("rows", rows);
        String second = ScoreboardPage.render(contest, board, 2, Instant.now());
        assertTrue(second.contains("data-handle=\"u101\""), "the second page starts at row 101");
        assertTrue(second.contains("data-handle=\"u200\""));
        assertFalse(second.contains("data-handle=\"u100\""));
        assertFalse(second.contains("data-handle=\"u201\""));
        assertTrue(second.contains("Rows 101–200 of 250"), second);
        assertTrue(second.contains("<a href=\"?page=2\" aria-current=\"page\" class=\"current\">2</a>"), second);
        assertTrue(second.contains("<a href=\"?page=3\">3</a>"), second);
        assertTrue(second.contains("data-offset=\"100\""), second);
        String last = ScoreboardPage.render(contest, board, 99, Instant.now());
        assertTrue(last.contains("data-handle=\"u250\"") && !last.contains("data-handle=\"u200\""), "past the end: the last page");
        String small = ScoreboardPage.render(contest, new JsonObject().put("contest", "big").put("rows",
                new JsonArray(rows.getList().subList(0, 3))));
        assertFalse(small.contains("class=\"pager\""), small);
    }

    @Test
    void ioiBoardsShowPoints() {
        JsonObject contest = new JsonObject().put("id", "olymp").put("scoring", "ioi").put("problems", new JsonArray().add("p"));
        JsonObject board = new JsonObject().put("contest", "olymp").put("rows", new JsonArray()
                .add(new JsonObject().put("rank", 1).put("handle", "bob").put("score", 37.5).put("problems", new JsonArray()
                        .add(new JsonObject().put("problem", "p").put("solved", false).put("attempts", 2).put("score", 37.5)))));
        String html = ScoreboardPage.render(contest, board);
        assertTrue(html.contains("<td class=\"cell partial\">37.5</td>"), html);
        assertFalse(html.contains("Penalty"), html);
    }

    @Test
    void theRatingGraphHasOnePointPerContestOverTitleBands() {
        JsonArray history = new JsonArray();
        int[] ratings = {1500, 1650, 1420, 1980};
        int old = 1400;
        for (int i = 0; i < ratings.length; i++) {
            history.add(new JsonObject().put("contest", "r" + i).put("rank", i + 1).put("old_rating", old).put("new_rating", ratings[i]));
            old = ratings[i];
        }
        String svg = RatingGraph.svg(history);
        assertEquals(4, count(svg, "<circle "), svg);
        // 1420..1980 with margins crosses Pupil, Specialist, Expert and Candidate Master
        for (String band : new String[] {"title-pupil", "title-specialist", "title-expert", "title-candidate-master"}) {
            assertTrue(svg.contains("class=\"band " + band + "\""), band + " in " + svg);
        }
        assertFalse(svg.contains("title-newbie"), svg);
        assertFalse(svg.contains("title-grandmaster"), svg);
        // higher ratings sit higher on the page: smaller y
        assertTrue(cy(svg, "r3") < cy(svg, "r1"));
        assertTrue(cy(svg, "r1") < cy(svg, "r0"));
        assertTrue(cy(svg, "r0") < cy(svg, "r2"));
    }

    @Test
    void aProfileWithoutRatedContestsSaysSo() {
        String html = ProfilePage.render(new JsonObject().put("handle", "newcomer").put("kind", "ai")
                .put("rating", (Integer) null).put("history", new JsonArray()));
        assertTrue(html.contains("No rated contests yet."), html);
        assertTrue(html.contains("Unrated"), html);
        assertFalse(html.contains("<svg"), html);
    }

    @Test
    void contestsAreGroupedByWhetherTheyRun() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        JsonArray contests = new JsonArray()
                .add(new JsonObject().put("id", "past").put("name", "Past round").put("start", "2026-05-01T10:00:00Z").put("duration_minutes", 120))
                .add(new JsonObject().put("id", "now").put("name", "Running round").put("start", "2026-06-01T11:00:00Z").put("duration_minutes", 120))
                .add(new JsonObject().put("id", "soon").put("name", "Next round").put("start", "2026-07-01T10:00:00Z").put("duration_minutes", 90));
        String html = ContestsPage.render(contests, now);
        int running = html.indexOf(">Running</h2>");
        int upcoming = html.indexOf(">Upcoming</h2>");
        int past = html.indexOf(">Past</h2>");
        assertTrue(running >= 0 && running < html.indexOf("Running round") && html.indexOf("Running round") < upcoming, html);
        assertTrue(upcoming < html.indexOf("Next round") && html.indexOf("Next round") < past, html);
        assertTrue(past < html.indexOf("Past round"), html);
        assertTrue(html.contains("1 h 30 min"), html);
    }

    @Test
    void aSubmissionBeingJudgedRefreshesItselfEvenWithoutJavaScript() {
        String html = SubmissionPage.render(new JsonObject().put("id", "x").put("problem", "p").put("language", "c")
                .put("status", "running").put("testcases", new JsonArray()));
        assertTrue(html.contains("<noscript><meta http-equiv=\"refresh\""), html);
        String done = SubmissionPage.render(new JsonObject().put("id", "x").put("problem", "p").put("language", "c")
                .put("status", "done").put("verdict", "AC").put("testcases", new JsonArray()));
        assertFalse(done.contains("http-equiv=\"refresh\""), done);
        assertTrue(done.contains("Accepted"), done);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static double cy(String svg, String contest) {
        Matcher m = Pattern.compile("href=\"/contests/" + contest + "\"><circle class=\"point\" cx=\"[0-9.]+\" cy=\"([0-9.]+)\"")
                .matcher(svg);
        assertTrue(m.find(), contest + " in " + svg);
        return Double.parseDouble(m.group(1));
    }
}
