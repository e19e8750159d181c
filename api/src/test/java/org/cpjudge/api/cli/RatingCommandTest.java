package org.cpjudge.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpjudge.rating.CodeforcesRating;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.RatingChange;
import org.cpjudge.rating.Standing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RatingCommand.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final String SCORES = """
            {"contest": "Round 1", "contestants": [
              {"handle": "a", "rating": 1500, "points": 10, "penalty": 20},
              {"handle": "b\\"q", "rating": 1900, "points": 30, "penalty": 5},
              {"handle": "c", "rating": -20, "points": 10, "penalty": 20},
              {"handle": "d", "rating": 2400, "points": 0, "penalty": 0}
            ]}""";

    @Test
    void printsTheChangesInInputOrder() throws Exception {
        Run r = run(SCORES);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());

        List<RatingChange> expected = CodeforcesRating.compute(List.of(
                Standing.byScore(Contestant.of("a", 1500), 10, 20),
                Standing.byScore(Contestant.of("b\"q", 1900), 30, 5),
                Standing.byScore(Contestant.of("c", -20), 10, 20),
                Standing.byScore(Contestant.of("d", 2400), 0, 0)));
        JsonNode changes = new ObjectMapper().readTree(r.out()).get("changes");
        assertEquals(4, changes.size());
        for (int k = 0; k < 4; k++) {
            JsonNode c = changes.get(k);
            RatingChange e = expected.get(k);
            assertEquals(e.handle(), c.get("handle").asText());
            assertEquals(e.rank(), c.get("rank").asInt());
            assertEquals(e.oldRating(), c.get("old_rating").asInt());
            assertEquals(e.newRating(), c.get("new_rating").asInt());
            assertEquals(e.delta(), c.get("delta").asInt());
            assertEquals(e.seed(), c.get("seed").asDouble());
            assertEquals(6, c.size(), "exactly the six fields");
        }
        assertEquals(List.of(3, 1, 3, 4), List.of(changes.get(0).get("rank").asInt(), changes.get(1).get("rank").asInt(),
                changes.get(2).get("rank").asInt(), changes.get(3).get("rank").asInt()));
    }

    @Test
    void ranksWorkLikeScores() {
        Run byRank = run("""
                {"contestants": [{"handle": "a", "rating": 1500, "rank": 2},
                                 {"handle": "b", "rating": 1600, "rank": 1},
                                 {"handle": "c", "rating": 1700, "rank": 2}]}""");
        Run byScore = run("""
                {"contestants": [{"handle": "a", "rating": 1500, "points": 1, "penalty": 0},
                                 {"handle": "b", "rating": 1600, "points": 2, "penalty": 0},
                                 {"handle": "c", "rating": 1700, "points": 1, "penalty": 0}]}""");
        assertEquals(0, byRank.status(), byRank.err());
        assertEquals(byScore.out(), byRank.out());
    }

    @Test
    void readsAFileArgument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("standings.json");
        Files.writeString(file, SCORES);
        Run fromFile = run("", file.toString());
        assertEquals(0, fromFile.status(), fromFile.err());
        assertEquals(run(SCORES).out(), fromFile.out());
        assertEquals(run(SCORES, "-").out(), fromFile.out());
    }

    @Test
    void badInputExitsWithTwoAndOneClearLine() {
        String[][] cases = {
            {"not json at all", "not valid JSON"},
            {"{\"contestants\": [", "not valid JSON"},
            {"[1, 2]", "expected a JSON object"},
            {"{}", "missing \"contestants\""},
            {"{\"contestants\": []}", "empty"},
            {"{\"contestants\": {}}", "must be an array"},
            {"{\"contestants\": [{\"rating\": 1500, \"rank\": 1}]}", "missing \"handle\""},
            {"{\"contestants\": [{\"handle\": \"a\", \"rank\": 1}]}", "missing \"rating\""},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 1500, \"points\": 1}]}", "needs \"points\" and \"penalty\""},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 15.5, \"rank\": 1}]}", "\"rating\" must be an integer"},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 99999999999, \"rank\": 1}]}", "out of range"},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 1500, \"rank\": 1, \"points\": 3, \"penalty\": 0}]}",
                "both \"rank\" and \"points\""},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 1500, \"rank\": 1, \"points\": 3}]}",
                "both \"rank\" and \"points\""},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 1500, \"rank\": 1, \"rank\": 2}]}",
                "given twice"},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 1500, \"rank\": 1},"
                + " {\"handle\": \"b\", \"rating\": 1500, \"points\": 3, \"penalty\": 0}]}", "one or the other"},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 1500, \"rank\": 1},"
                + " {\"handle\": \"a\", \"rating\": 1600, \"rank\": 2}]}", "duplicate handle \"a\""},
            {"{\"contestants\": [{\"handle\": \"a\", \"rating\": 1500, \"rank\": 1}]} {}", "after the standings"},
        };
        for (String[] c : cases) {
            Run r = run(c[0]);
            assertEquals(2, r.status(), c[0]);
            assertEquals("", r.out(), c[0]);
            assertTrue(r.err().startsWith("rating: ") && r.err().contains(c[1]), c[0] + " -> " + r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void usageErrors(@TempDir Path dir) {
        Run tooMany = run("", "a.json", "b.json");
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("usage: judge.jar rating"), tooMany.err());

        Run unknownOption = run("", "--fast");
        assertEquals(2, unknownOption.status());

        Run missing = run("", dir.resolve("nope.json").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Run help = run("", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: judge.jar rating"));
    }
}
