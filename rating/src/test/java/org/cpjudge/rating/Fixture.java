package org.cpjudge.rating;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Codeforces Round 641 fixture: rows of [handle, points, penalty, oldRating, officialDelta]. */
final class Fixture {
    record Row(String handle, double points, long penalty, int oldRating, int officialDelta) {
    }

    private static final Pattern ROW = Pattern.compile(
            "\\[\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,\\s*(-?[0-9.]+)\\s*,\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*]");

    private Fixture() {
    }

    static List<Row> codeforces1349() throws IOException {
        try (InputStream in = Fixture.class.getResourceAsStream("/codeforces-1349-rating.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = ROW.matcher(text);
            List<Row> rows = new ArrayList<>();
            while (m.find()) {
                rows.add(new Row(m.group(1), Double.parseDouble(m.group(2)), Long.parseLong(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
            }
            return rows;
        }
    }

    static List<Standing> standings(List<Row> rows) {
        List<Standing> standings = new ArrayList<>();
        for (Row r : rows) {
            standings.add(Standing.byScore(Contestant.of(r.handle(), r.oldRating()), r.points(), r.penalty()));
        }
        return standings;
    }
}
