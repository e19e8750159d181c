package org.cpjudge.api.statement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.Sample;

/**
 * A sample as the statement page shows it: the input and output the statement shows ({@code .in.statement} over
 * {@code .in}, ...), or the interaction log of an interactive sample. Long samples are cut, saying so.
 *
 * @param name        the test case's name, such as {@code sample/1}
 * @param input       the input shown; empty for an interaction
 * @param output      the output shown; empty for an interaction
 * @param interaction the {@code .interaction} log's lines, each starting with '&lt;' or '&gt;'; empty otherwise
 */
public record StatementSample(String name, String input, String output, String interaction) {

    /** Beyond this a sample is cut: a page is no place for megabytes of input. */
    static final int MAX_CHARS = 64 * 1024;

    public boolean interactive() {
        return !interaction.isEmpty();
    }

    public static List<StatementSample> of(Problem problem) throws IOException {
        List<StatementSample> samples = new ArrayList<>();
        for (Sample s : problem.samples()) {
            samples.add(new StatementSample(s.name(), read(s.shownInput()), read(s.shownOutput()), read(s.interaction())));
        }
        return samples;
    }

    private static String read(Optional<Path> file) throws IOException {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            byte[] bytes = in.readNBytes(MAX_CHARS + 1);
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_CHARS), StandardCharsets.UTF_8);
            return bytes.length > MAX_CHARS ? text + "\n… (cut: the file is longer)" : text;
        }
    }
}
