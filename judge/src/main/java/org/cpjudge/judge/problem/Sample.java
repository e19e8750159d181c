package org.cpjudge.judge.problem;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A sample as contestants see it, which may differ from the sample test case judged: the statement shows
 * {@code .in.statement} over {@code .in} and {@code .ans.statement} over {@code .out} over {@code .ans}; the
 * download offers {@code .in.download} over {@code .in} and {@code .ans.download} over {@code .out} over
 * {@code .ans}. An interactive or multi-pass sample may be an {@code .interaction} log instead.
 *
 * @param name           the test case's name, such as {@code sample/1}
 * @param shownInput     the input the statement shows; empty for an interaction log
 * @param shownOutput    the output the statement shows; empty for an interaction log
 * @param downloadInput  the input offered for download
 * @param downloadOutput the output offered for download
 * @param interaction    the {@code .interaction} log, shown instead of input and output when present
 */
public record Sample(String name, Optional<Path> shownInput, Optional<Path> shownOutput, Optional<Path> downloadInput,
        Optional<Path> downloadOutput, Optional<Path> interaction) {
}
