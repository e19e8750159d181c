package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
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
        assertNoHostileMarkup(Html.notFound("No user has the handle '" + HOSTILE + "'."));
    }

    private static void assertNoHostileMarkup(String html) {
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("href=\"/contests/<"), html);
        assertTrue(html.contains("&lt;script&gt;"), "shown as text: " + html);
    }

    @Test
    void linksPercentEncodeWhatTheyCarry() {
        assertEquals("a%2Fb%20c%3F", Html.segment("a/b c?"));
        assertTrue(Html.handle("tourist", "Legendary Grandmaster").contains("href=\"/users/tourist\""));
    }

    @Test
    void scriptStringsCannotCloseTheirScriptElement() {
        String literal = Scripts.string("</script><b>'\"\\");
        assertFalse(literal.contains("<"), literal);
        assertFalse(literal.contains(">"), literal);
        assertEquals('"', literal.charAt(0));
        assertEquals(2, literal.chars().filter(c -> c == '"').count(), literal);
    }

    @Test
    void handlesAreColoredByTheirTitle() {
        assertTrue(Html.handle("a", "Newbie").contains("class=\"handle title-newbie\""));
        assertTrue(Html.handle("a", "Candidate Master").contains("title-candidate-master"));
        assertTrue(Html.handle("a", "International Grandmaster").contains("title-international-grandmaster"));
        assertTrue(Html.handle("a", null).contains("unrated"));
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
        assertTrue(html.contains("<th class=\"cell\">a</th><th class=\"cell\">b</th><th class=\"cell\">c</th>"), html);
        assertTrue(html.contains("new EventSource(\"/api/v1/contests/round1/scoreboard/stream\")"), html);
        assertTrue(html.contains("id=\"scoreboard\""), html);
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
        int running = html.indexOf("<h2>Running</h2>");
        int upcoming = html.indexOf("<h2>Upcoming</h2>");
        int past = html.indexOf("<h2>Past</h2>");
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
