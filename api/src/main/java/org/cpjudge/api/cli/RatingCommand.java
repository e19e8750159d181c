package org.cpjudge.api.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cpjudge.rating.CodeforcesRating;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.NewcomerRule;
import org.cpjudge.rating.RatingChange;
import org.cpjudge.rating.Standing;

/**
 * {@code judge.jar rating [FILE]}: the Codeforces rating changes of one contest, from its standings.
 *
 * <p>Input (FILE, or standard input when FILE is absent or {@code -}):
 * <pre>{"contestants": [{"handle": "a", "rating": 1500, "points": 10, "penalty": 20}, ...]}</pre>
 * or with {@code "rank": 3} instead of points and penalty, the same kind for every contestant. Every
 * rating is used as given. Output, in input order:
 * <pre>{"changes": [{"handle": "a", "rank": 1, "old_rating": 1500, "new_rating": 1512, "delta": 12, "seed": 1.5}, ...]}</pre>
 * Exit status 0 on success; 2 with a one-line message on standard error for usage errors and bad input.
 *
 * <p>Why Jackson's streaming parser and generator rather than data binding: a contest can have a
 * hundred thousand rows, and a command-line run is dominated by JVM start and class loading; the
 * streaming API loads few classes and allocates nothing per row beyond the row itself.
 */
public final class RatingCommand {
    static final String USAGE = "usage: judge.jar rating [FILE]  (standings JSON from FILE or standard input)";

    /** Shortest-representation double output, much faster than Double.toString for 100k seeds. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private static final int EXIT_OK = 0;
    private static final int EXIT_BAD_INPUT = 2;

    private RatingCommand() {
    }

    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.size() == 1 && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
            out.println(USAGE);
            return EXIT_OK;
        }
        if (args.size() > 1 || (args.size() == 1 && args.get(0).startsWith("-") && !args.get(0).equals("-"))) {
            err.println("rating: unexpected arguments " + args + "; " + USAGE);
            return EXIT_BAD_INPUT;
        }
        List<Standing> standings;
        try {
            standings = args.isEmpty() || args.get(0).equals("-") ? read(in) : readFile(Path.of(args.get(0)));
        } catch (BadInput e) {
            err.println("rating: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        List<RatingChange> changes;
        try {
            // ratings are taken as given, so the newcomer rule only matters for displayed ratings,
            // which this command does not print
            changes = new CodeforcesRating(NewcomerRule.START_AT_1500).rate(standings);
        } catch (IllegalArgumentException e) {
            err.println("rating: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        try {
            write(changes, out);
        } catch (IOException e) {
            err.println("rating: cannot write the output: " + e.getMessage());
            return 1;
        }
        return EXIT_OK;
    }

    /** Bad input, with a message fit for one line of standard error. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    private static List<Standing> readFile(Path file) throws BadInput {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (NoSuchFileException e) {
            throw new BadInput("no such file: " + file);
        } catch (IOException e) {
            throw new BadInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    static List<Standing> read(InputStream in) throws BadInput {
        try (JsonParser p = JSON.createParser(in)) {
            List<Standing> standings = readDocument(p);
            if (p.nextToken() != null) {
                throw bad(p, "unexpected content after the standings object");
            }
            return standings;
        } catch (JsonParseException e) {
            throw new BadInput("not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + where(e.getLocation()));
        } catch (IOException e) {
            throw new BadInput("cannot read the standings: " + e.getMessage());
        }
    }

    private static List<Standing> readDocument(JsonParser p) throws IOException, BadInput {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw bad(p, "expected a JSON object with a \"contestants\" array");
        }
        List<Standing> standings = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("contestants")) {
                if (standings != null) {
                    throw bad(p, "\"contestants\" given twice");
                }
                standings = readContestants(p);
            } else {
                p.skipChildren(); // other fields (contest name, ...) are not ours to judge
            }
        }
        if (standings == null) {
            throw new BadInput("missing \"contestants\" array");
        }
        if (standings.isEmpty()) {
            throw new BadInput("\"contestants\" is empty: nothing to rate");
        }
        return standings;
    }

    private static List<Standing> readContestants(JsonParser p) throws IOException, BadInput {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad(p, "\"contestants\" must be an array");
        }
        List<Standing> standings = new ArrayList<>();
        Set<String> handles = new HashSet<>();
        Boolean byRank = null;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Row row = Row.read(p, standings.size());
            if (!handles.add(row.handle)) {
                throw bad(p, "duplicate handle \"" + row.handle + "\"");
            }
            if (byRank == null) {
                byRank = row.byRank();
            } else if (byRank != row.byRank()) {
                throw bad(p, "contestant \"" + row.handle + "\": some contestants have \"rank\" and others "
                        + "\"points\"/\"penalty\"; use one or the other for the whole contest");
            }
            Contestant c = Contestant.of(row.handle, row.rating);
            standings.add(row.byRank() ? Standing.byRank(c, row.rank) : Standing.byScore(c, row.points, row.penalty));
        }
        return standings;
    }

    /** One contestant object, checked field by field. */
    private static final class Row {
        String handle;
        Integer rating;
        Double points;
        Long penalty;
        Long rank;

        boolean byRank() {
            return rank != null;
        }

        boolean hasOneKindOfResult() {
            boolean anyScore = points != null || penalty != null;
            return rank != null ? !anyScore : points != null && penalty != null;
        }

        /** The error for a row without a rating or a valid result; built only when needed. */
        String whatIsMissing() {
            String who = "contestant \"" + handle + "\"";
            if (rating == null) {
                return who + ": missing \"rating\"";
            }
            if (rank != null) {
                return who + ": has both \"rank\" and \"points\"/\"penalty\"; give one or the other";
            }
            return who + ": needs \"points\" and \"penalty\", or \"rank\"";
        }

        /** Whether a known field was already read: each may appear once. */
        boolean has(String field) {
            return switch (field) {
                case "handle" -> handle != null;
                case "rating" -> rating != null;
                case "points" -> points != null;
                case "penalty" -> penalty != null;
                case "rank" -> rank != null;
                default -> false;
            };
        }

        static Row read(JsonParser p, int index) throws IOException, BadInput {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw bad(p, "contestant #" + (index + 1) + " must be a JSON object");
            }
            Row r = new Row();
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                if (r.has(field)) {
                    throw bad(p, "contestant #" + (index + 1) + ": field \"" + field + "\" given twice");
                }
                switch (field) {
                    case "handle" -> {
                        if (value != JsonToken.VALUE_STRING || p.getText().isEmpty()) {
                            throw bad(p, "contestant #" + (index + 1) + ": \"handle\" must be a non-empty string");
                        }
                        r.handle = p.getText();
                    }
                    case "rating" -> r.rating = (int) integer(p, index, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "penalty" -> r.penalty = integer(p, index, field, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "rank" -> r.rank = integer(p, index, field, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "points" -> {
                        if (!value.isNumeric()) {
                            throw bad(p, "contestant #" + (index + 1) + ": \"points\" must be a number");
                        }
                        double points = p.getDoubleValue();
                        if (Double.isInfinite(points)) {
                            throw bad(p, "contestant #" + (index + 1) + ": \"points\" is out of range");
                        }
                        r.points = points;
                    }
                    default -> p.skipChildren();
                }
            }
            if (r.handle == null) {
                throw bad(p, "contestant #" + (index + 1) + ": missing \"handle\"");
            }
            if (r.rating == null || !r.hasOneKindOfResult()) {
                throw bad(p, r.whatIsMissing());
            }
            return r;
        }

        private static long integer(JsonParser p, int index, String field, long min, long max)
                throws IOException, BadInput {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw bad(p, "contestant #" + (index + 1) + ": \"" + field + "\" must be an integer");
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < min || p.getLongValue() > max) {
                throw bad(p, "contestant #" + (index + 1) + ": \"" + field + "\" is out of range");
            }
            return p.getLongValue();
        }
    }

    private static BadInput bad(JsonParser p, String message) {
        return new BadInput(message + where(p.currentLocation()));
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    static void write(List<RatingChange> changes, OutputStream out) throws IOException {
        // not closed: closing would close standard output for whoever runs next in this JVM
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        JsonGenerator g = JSON.createGenerator(buffered, JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeArrayFieldStart("changes");
        for (RatingChange c : changes) {
            g.writeStartObject();
            g.writeStringField("handle", c.handle());
            g.writeNumberField("rank", c.rank());
            g.writeNumberField("old_rating", c.oldRating());
            g.writeNumberField("new_rating", c.newRating());
            g.writeNumberField("delta", c.delta());
            g.writeNumberField("seed", c.seed());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        buffered.write('\n');
        buffered.flush();
    }
}
