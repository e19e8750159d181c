package org.cpjudge.judge.problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One test: an input and the answer file the output validator compares against.
 *
 * @param name           path relative to {@code data/} without extension, such as {@code secret/group1/07}
 * @param validatorArgs  arguments for the output validator (the default validator's flags, or a custom one's)
 * @param args           command-line arguments for the submission (2023-07 {@code args})
 * @param inputValidatorArgs  arguments for the input validators: by validator name, or under "" for all of them
 *                            ({@code input_validator_args}, legacy {@code input_validator_flags})
 */
public record TestCase(String name, Path input, Path answer, List<String> validatorArgs, List<String> args,
        Map<String, List<String>> inputValidatorArgs) {

    public TestCase {
        validatorArgs = List.copyOf(validatorArgs);
        args = List.copyOf(args);
        inputValidatorArgs = Map.copyOf(inputValidatorArgs);
    }

    public TestCase(String name, Path input, Path answer, List<String> validatorArgs, List<String> args) {
        this(name, input, answer, validatorArgs, args, Map.of());
    }

    /** The arguments the input validator called {@code validator} gets for this test case, before its args. */
    public List<String> inputValidatorArgs(String validator) {
        return inputValidatorArgs.getOrDefault(validator, inputValidatorArgs.getOrDefault("", List.of()));
    }

    public boolean isSample() {
        return name.startsWith("sample/");
    }
}
