package org.cpjudge.judge.problem;

import java.nio.file.Path;
import java.util.List;

/**
 * One test: an input and the answer file the output validator compares against.
 *
 * @param name           path relative to {@code data/} without extension, such as {@code secret/group1/07}
 * @param validatorArgs  arguments for the output validator (the default validator's flags, or a custom one's)
 * @param args           command-line arguments for the submission (2023-07 {@code args})
 */
public record TestCase(String name, Path input, Path answer, List<String> validatorArgs, List<String> args) {

    public TestCase {
        validatorArgs = List.copyOf(validatorArgs);
        args = List.copyOf(args);
    }

    public boolean isSample() {
        return name.startsWith("sample/");
    }
}
