package org.cpjudge.judge.problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A problem as loaded from its package: limits, test data, validators and reference solutions.
 *
 * @param shortName          the package folder's name
 * @param name               the display name (English when there are several)
 * @param root               the package folder
 * @param format             which edition of the problem package format it follows
 * @param interactive        the output validator talks with the submission
 * @param scoring            submissions get a score, and every test case is run
 * @param multiPass          the submission is run again on input the validator writes
 * @param limits             time, memory, output and compile limits
 * @param data               the {@code data/} tree
 * @param outputValidator    the custom output validator, if any (else the default validator)
 * @param checkerProtocol    how the custom output validator is called
 * @param inputValidators    programs that check the test inputs
 * @param submissions        reference solutions under {@code submissions/}
 * @param statementDir       {@code problem_statement/} or {@code statement/}, kept for the API
 * @param interactionSamples {@code .interaction} files of samples, for the statement
 * @param samples            the samples as the statement shows them and contestants download them
 * @param credits            who made the problem ({@code credits}, legacy {@code author})
 * @param submissionRules    what {@code submissions.yaml} and the folder names expect of each reference submission
 * @param constants          2025-09 {@code constants}, written into the package's own programs
 * @param warnings           what was odd but not fatal
 * @param interactor         a Polygon interactor (testlib's {@code interactor input output answer}, talking with
 *                           the submission), whose output then goes to the output validator; empty for Kattis
 *                           packages, where the output validator itself interacts
 */
public record Problem(
        String shortName,
        String name,
        Path root,
        Format format,
        boolean interactive,
        boolean scoring,
        boolean multiPass,
        Limits limits,
        TestGroup data,
        Optional<Program> outputValidator,
        CheckerProtocol checkerProtocol,
        List<Program> inputValidators,
        List<ReferenceSubmission> submissions,
        Optional<Path> statementDir,
        List<Path> interactionSamples,
        List<Sample> samples,
        Credits credits,
        SubmissionRules submissionRules,
        Constants constants,
        List<String> warnings,
        Optional<Program> interactor) {

    public Problem {
        inputValidators = List.copyOf(inputValidators);
        submissions = List.copyOf(submissions);
        interactionSamples = List.copyOf(interactionSamples);
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }

    /** A Kattis problem: no separate interactor. */
    public Problem(String shortName, String name, Path root, Format format, boolean interactive, boolean scoring,
            boolean multiPass, Limits limits, TestGroup data, Optional<Program> outputValidator,
            CheckerProtocol checkerProtocol, List<Program> inputValidators, List<ReferenceSubmission> submissions,
            Optional<Path> statementDir, List<Path> interactionSamples, List<Sample> samples, Credits credits,
            SubmissionRules submissionRules, Constants constants, List<String> warnings) {
        this(shortName, name, root, format, interactive, scoring, multiPass, limits, data, outputValidator,
                checkerProtocol, inputValidators, submissions, statementDir, interactionSamples, samples, credits,
                submissionRules, constants, warnings, Optional.empty());
    }

    /** The editions of the Kattis problem package format ({@code problem_format_version}), and Polygon's problem.xml. */
    public enum Format {
        LEGACY, V2023_07, V2025_09, POLYGON;

        /** "legacy", "2023-07", "2025-09" (as problem_format_version writes them) or "polygon". */
        public String label() {
            return switch (this) {
                case LEGACY -> "legacy";
                case V2023_07 -> "2023-07";
                case V2025_09 -> "2025-09";
                case POLYGON -> "polygon";
            };
        }

        /** Kattis 2023-07 and later: {@code type}, {@code time_multipliers}, {@code output_validator/}. */
        public boolean modern() {
            return this == V2023_07 || this == V2025_09;
        }
    }

    /** Kattis' protocol (exit 42/43, feedback dir) or testlib's (checker input output answer, exit 0/1/2/3/7). */
    public enum CheckerProtocol { KATTIS, TESTLIB }

    /**
     * @param timeLimitMs        the time limit per test case, CPU time
     * @param timeLimitExplicit  whether the package gave it ({@code limits.time_limit}, {@code .timelimit});
     *                           if not, {@link ProblemImporter} computes it from the accepted submissions
     * @param timeMultiplier     legacy {@code time_multiplier} or 2023-07 {@code ac_to_time_limit}: the time limit
     *                           is at least the slowest accepted time times this
     * @param tleMultiplier      legacy {@code time_safety_margin} or 2023-07 {@code time_limit_to_tle}: a submission
     *                           expected to exceed the limit must run at least the limit times this
     * @param timeResolutionMs   the time limit is a multiple of this when computed
     * @param memoryMib          memory limit
     * @param outputMib          output limit
     * @param codeKib            the largest submission, all its files together, in KiB
     * @param compileTimeS       compile time limit
     * @param validation         limits for the package's own validators
     * @param validationPasses   at most this many passes for multi-pass problems
     */
    public record Limits(long timeLimitMs, boolean timeLimitExplicit, double timeMultiplier, double tleMultiplier,
            long timeResolutionMs, long memoryMib, long outputMib, long codeKib, long compileTimeS,
            ValidationLimits validation, int validationPasses) {

        public Limits withTimeLimitMs(long ms) {
            // the flag stays: a limit computed at import, or set by whoever stored it, is still not the package's
            return new Limits(ms, timeLimitExplicit, timeMultiplier, tleMultiplier, timeResolutionMs, memoryMib, outputMib, codeKib,
                    compileTimeS, validation, validationPasses);
        }
    }

    /** {@code validation_time}, {@code validation_memory} and {@code validation_output} of 2023-07 and later. */
    public record ValidationLimits(long timeS, long memoryMib, long outputMib) {

        public static final ValidationLimits DEFAULT = new ValidationLimits(60, 2048, 8);
    }

    public long timeLimitMs() {
        return limits.timeLimitMs;
    }

    public long memoryLimitMib() {
        return limits.memoryMib;
    }

    public long outputLimitBytes() {
        return limits.outputMib * 1024 * 1024;
    }

    /** Every test case in judging order: samples, then secret data, groups in name order. */
    public List<TestCase> testCases() {
        return data.allTests();
    }

    /** This problem with more warnings (what its import found odd). */
    public Problem withWarnings(List<String> more) {
        var all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Problem(shortName, name, root, format, interactive, scoring, multiPass, limits, data,
                outputValidator, checkerProtocol, inputValidators, submissions, statementDir, interactionSamples,
                samples, credits, submissionRules, constants, all, interactor);
    }

    public Problem withTimeLimitMs(long ms) {
        return new Problem(shortName, name, root, format, interactive, scoring, multiPass, limits.withTimeLimitMs(ms),
                data, outputValidator, checkerProtocol, inputValidators, submissions, statementDir,
                interactionSamples, samples, credits, submissionRules, constants, warnings, interactor);
    }
}
