package org.cpjudge.judge.problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.judge.problem.Problem.CheckerProtocol;
import org.cpjudge.judge.problem.Problem.Format;
import org.cpjudge.judge.problem.Problem.Limits;
import org.cpjudge.judge.problem.TestGroup.Aggregation;
import org.cpjudge.judge.problem.TestGroup.Scoring;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a problem package in the Kattis / ICPC format, legacy or 2023-07, into a {@link Problem}.
 *
 * <p>Only reads: nothing is compiled or run here ({@link ProblemImporter} does that). Every file read must
 * lie inside the package once symlinks are resolved.
 */
public final class ProblemPackage {

    static final long DEFAULT_TIME_LIMIT_MS = 1000;
    static final long DEFAULT_MEMORY_MIB = 1024;
    static final long DEFAULT_OUTPUT_MIB = 8;
    static final long DEFAULT_COMPILE_TIME_S = 60;
    private static final long MAX_YAML_BYTES = 1 << 20;

    private final Path root;
    private final Path realRoot;
    private final String shortName;
    private final List<String> warnings = new ArrayList<>();
    private final List<Path> interactionSamples = new ArrayList<>();
    private Format format = Format.LEGACY;
    private String problemName;

    private ProblemPackage(Path root) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
        this.shortName = realRoot.getFileName() == null ? "problem" : realRoot.getFileName().toString();
        this.problemName = shortName;
    }

    /** Reads the package in {@code root}: a Polygon one when it holds problem.xml and no problem.yaml. */
    public static Problem load(Path root) throws ProblemPackageException {
        if (org.cpjudge.judge.problem.polygon.PolygonPackage.isPolygon(root)) {
            return org.cpjudge.judge.problem.polygon.PolygonPackage.load(root);
        }
        ProblemPackage pkg;
        try {
            pkg = new ProblemPackage(root);
        } catch (IOException e) {
            throw new ProblemPackageException(String.valueOf(root.getFileName()), root, "cannot read the package", e);
        }
        return pkg.load();
    }

    private Problem load() throws ProblemPackageException {
        Path yamlFile = root.resolve("problem.yaml");
        if (!Files.isRegularFile(yamlFile)) {
            throw fail(yamlFile, "no problem.yaml");
        }
        Map<String, Object> yaml = readYaml(yamlFile);
        String version = str(yaml.get("problem_format_version"), "legacy");
        format = version.startsWith("20") || version.startsWith("draft") ? Format.V2023_07 : Format.LEGACY;
        problemName = name(yaml.get("name"));

        List<String> types = list(yaml.get("type"));
        String validation = str(yaml.get("validation"), "default");
        List<String> validationWords = List.of(validation.toLowerCase(Locale.ROOT).split("\\s+"));
        boolean interactive = types.contains("interactive") || validationWords.contains("interactive");
        boolean multiPass = types.contains("multi-pass") || validationWords.contains("multi-pass");
        boolean scoring = types.contains("scoring") || validationWords.contains("score");

        Limits limits = limits(yaml, yamlFile);
        Optional<Program> outputValidator = outputValidator();
        if ((interactive || multiPass) && outputValidator.isEmpty()) {
            throw fail(yamlFile, "an interactive or multi-pass problem needs a custom output validator");
        }
        CheckerProtocol protocol = checkerProtocol(yaml, outputValidator);
        List<String> flags = words(yaml.get("validator_flags"));

        Path dataDir = root.resolve("data");
        if (!Files.isDirectory(dataDir)) {
            throw fail(dataDir, "no data/ folder");
        }
        TestGroup data = group(dataDir, "", new Inherited(flags, List.of()), interactive);
        if (data.allTests().isEmpty()) {
            throw fail(dataDir, "no test cases (no .in files under data/)");
        }
        Optional<Path> statement = Optional.<Path>empty();
        for (String dir : List.of("statement", "problem_statement")) {
            if (Files.isDirectory(root.resolve(dir))) {
                statement = Optional.of(root.resolve(dir));
            }
        }
        return new Problem(shortName, problemName, root, format, interactive, scoring, multiPass, limits, data,
                outputValidator, protocol, inputValidators(), submissions(), statement, interactionSamples, warnings);
    }

    // ---- problem.yaml

    private String name(Object name) {
        if (name instanceof Map<?, ?> byLanguage) {
            Object en = byLanguage.get("en");
            return en != null ? en.toString() : byLanguage.values().stream().findFirst().map(Object::toString)
                    .orElse(shortName);
        }
        return name == null ? shortName : name.toString();
    }

    private Limits limits(Map<String, Object> yaml, Path yamlFile) throws ProblemPackageException {
        Map<String, Object> limits = map(yaml.get("limits"));
        Long explicitMs = null;
        if (limits.get("time_limit") != null) {
            explicitMs = seconds(limits.get("time_limit"), yamlFile, "limits.time_limit");
        } else if (Files.isRegularFile(root.resolve(".timelimit"))) {
            // DOMjudge writes the time limit it settled on to .timelimit, in seconds.
            Path file = root.resolve(".timelimit");
            explicitMs = seconds(readText(file, 100).strip(), file, "the time limit");
        }
        double multiplier;
        if (format == Format.V2023_07) {
            multiplier = number(map(limits.get("time_multipliers")).get("ac_to_time_limit"), 2.0, yamlFile);
        } else {
            multiplier = number(limits.get("time_multiplier"), 5.0, yamlFile);
        }
        long resolutionMs = Math.max(1, Math.round(number(limits.get("time_resolution"), 1.0, yamlFile) * 1000));
        return new Limits(
                explicitMs != null ? explicitMs : DEFAULT_TIME_LIMIT_MS,
                explicitMs != null,
                multiplier,
                resolutionMs,
                (long) number(limits.get("memory"), DEFAULT_MEMORY_MIB, yamlFile),
                (long) number(limits.get("output"), DEFAULT_OUTPUT_MIB, yamlFile),
                (long) number(limits.get("compilation_time"), DEFAULT_COMPILE_TIME_S, yamlFile),
                (int) number(limits.get("validation_passes"), 2, yamlFile));
    }

    private long seconds(Object value, Path file, String what) throws ProblemPackageException {
        try {
            double s = Double.parseDouble(value.toString().strip());
            if (!(s > 0) || s > 3600) {
                throw fail(file, what + " must be between 0 and 3600 seconds, not " + value);
            }
            return Math.round(s * 1000);
        } catch (NumberFormatException e) {
            throw fail(file, what + " is not a number: " + value);
        }
    }

    private double number(Object value, double fallback, Path file) throws ProblemPackageException {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw fail(file, "not a number: " + value);
        }
    }

    /**
     * A custom validator speaks testlib's protocol when problem.yaml says {@code validator_protocol: testlib}
     * (our extension) or when its source includes testlib.h; otherwise Kattis'.
     */
    private CheckerProtocol checkerProtocol(Map<String, Object> yaml, Optional<Program> validator)
            throws ProblemPackageException {
        String declared = str(yaml.get("validator_protocol"), "");
        if (declared.equalsIgnoreCase("testlib")) {
            return CheckerProtocol.TESTLIB;
        }
        if (validator.isEmpty() || declared.equalsIgnoreCase("kattis")) {
            return CheckerProtocol.KATTIS;
        }
        for (Path source : sourceFiles(validator.get().path())) {
            String text = readText(source, 4 << 20);
            if (text.matches("(?s).*#\\s*include\\s*[<\"]testlib\\.h[>\"].*")) {
                return CheckerProtocol.TESTLIB;
            }
        }
        return CheckerProtocol.KATTIS;
    }

    // ---- data/

    /** What a group passes down to its subgroups and tests. */
    private record Inherited(List<String> validatorArgs, List<String> args) {
    }

    private TestGroup group(Path dir, String name, Inherited inherited, boolean interactive)
            throws ProblemPackageException {
        Map<String, Object> yaml = Map.of();
        for (String file : List.of("testdata.yaml", "test_group.yaml")) {
            if (Files.isRegularFile(dir.resolve(file))) {
                yaml = readYaml(dir.resolve(file));
            }
        }
        Inherited here = inherited;
        for (String key : List.of("output_validator_flags", "output_validator_args")) {
            if (yaml.containsKey(key)) {
                here = new Inherited(words(yaml.get(key)), here.args());
            }
        }
        if (yaml.containsKey("args")) {
            here = new Inherited(here.validatorArgs(), words(yaml.get("args")));
        }
        var tests = new ArrayList<TestCase>();
        var groups = new ArrayList<TestGroup>();
        for (Path child : children(dir)) {
            String fileName = child.getFileName().toString();
            String childName = name.isEmpty() ? fileName : name + "/" + fileName;
            if (name.isEmpty() && !fileName.equals("sample") && !fileName.equals("secret")) {
                continue; // invalid_input/, valid_output/ and the like are for package checkers, not judging
            }
            if (Files.isDirectory(child)) {
                if (!fileName.endsWith(".files")) {
                    groups.add(group(child, childName, here, interactive));
                }
            } else if (fileName.endsWith(".in")) {
                tests.add(testCase(child, childName.substring(0, childName.length() - 3), here));
            } else if (fileName.endsWith(".interaction")) {
                interactionSamples.add(inside(child));
            }
        }
        return new TestGroup(name, tests, groups, scoring(name, yaml, dir));
    }

    private TestCase testCase(Path input, String name, Inherited inherited) throws ProblemPackageException {
        String base = input.getFileName().toString();
        base = base.substring(0, base.length() - 3);
        Path answer = input.resolveSibling(base + ".ans");
        inside(input);
        if (!Files.isRegularFile(answer)) {
            throw fail(answer, "test case " + name + " has no answer file");
        }
        inside(answer);
        Inherited own = inherited;
        Path yaml = input.resolveSibling(base + ".yaml");
        if (Files.isRegularFile(yaml)) {
            Map<String, Object> config = readYaml(yaml);
            if (config.containsKey("output_validator_args")) {
                own = new Inherited(words(config.get("output_validator_args")), own.args());
            }
            if (config.containsKey("args")) {
                own = new Inherited(own.validatorArgs(), words(config.get("args")));
            }
        }
        return new TestCase(name, input, answer, own.validatorArgs(), own.args());
    }

    /**
     * Legacy packages score with {@code accept_score}, {@code reject_score} and {@code grader_flags}
     * (sum, min, max, avg); 2023-07 packages give a group its {@code score} and an aggregation, where a
     * subtask (a group below secret) is all-or-nothing by default.
     */
    private Scoring scoring(String name, Map<String, Object> yaml, Path dir) throws ProblemPackageException {
        Path file = dir.resolve("testdata.yaml");
        boolean counts = !name.equals("sample") && !name.startsWith("sample/");
        Map<String, Object> modern = map(yaml.get("scoring"));
        Object score = modern.getOrDefault("score", yaml.get("score"));
        Double maxScore = score == null || "unbounded".equals(score) ? null : number(score, 0, file);
        Aggregation aggregation = maxScore != null && name.contains("/") ? Aggregation.MIN : Aggregation.SUM;
        String flags = str(modern.getOrDefault("aggregation", yaml.get("grader_flags")), "");
        for (String flag : flags.toLowerCase(Locale.ROOT).split("\\s+")) {
            switch (flag) {
                case "sum" -> aggregation = Aggregation.SUM;
                case "min", "pass-fail" -> aggregation = Aggregation.MIN;
                case "max" -> aggregation = Aggregation.MAX;
                case "avg" -> aggregation = Aggregation.AVG;
                default -> { }
            }
        }
        return new Scoring(maxScore, aggregation, number(yaml.get("accept_score"), 1, file),
                number(yaml.get("reject_score"), 0, file), counts);
    }

    // ---- programs

    private Optional<Program> outputValidator() throws ProblemPackageException {
        Path modern = root.resolve("output_validator");
        if (Files.isDirectory(modern)) {
            return Optional.of(new Program("output_validator", inside(modern)));
        }
        List<Program> legacy = programs("output_validators");
        if (legacy.size() > 1) {
            throw fail(root.resolve("output_validators"), "more than one output validator");
        }
        return legacy.stream().findFirst();
    }

    private List<Program> inputValidators() throws ProblemPackageException {
        var out = new ArrayList<Program>();
        for (String dir : List.of("input_validators", "input_validator")) {
            out.addAll(programs(dir));
        }
        return out;
    }

    /** Each file or folder directly in {@code dir} is one program (a folder holding only files is one too). */
    private List<Program> programs(String dir) throws ProblemPackageException {
        Path folder = root.resolve(dir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> entries = children(folder);
        if (!entries.isEmpty() && entries.stream().noneMatch(Files::isDirectory) && entries.size() > 1
                && entries.stream().anyMatch(p -> p.getFileName().toString().matches("(?i).*\\.(h|hpp)$|build|run"))) {
            // A folder of sources with headers or a build script is a single program, not several.
            return List.of(new Program(dir, inside(folder)));
        }
        var out = new ArrayList<Program>();
        for (Path entry : entries) {
            out.add(new Program(dir + "/" + entry.getFileName(), inside(entry)));
        }
        return out;
    }

    private List<ReferenceSubmission> submissions() throws ProblemPackageException {
        Path dir = root.resolve("submissions");
        var out = new ArrayList<ReferenceSubmission>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (Path folder : children(dir)) {
            if (!Files.isDirectory(folder)) {
                continue; // submissions.yaml and stray files
            }
            for (Path submission : children(folder)) {
                out.add(new ReferenceSubmission(folder.getFileName().toString(), submission.getFileName().toString(),
                        inside(submission)));
            }
        }
        return out;
    }

    /** The source files of a program given as a file or a folder (not descending into subfolders). */
    static List<Path> sourceFiles(Path program) throws ProblemPackageException {
        if (!Files.isDirectory(program)) {
            return List.of(program);
        }
        try (var stream = Files.list(program)) {
            return stream.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ProblemPackageException("?", program, "cannot list", e);
        }
    }

    // ---- files

    private List<Path> children(Path dir) throws ProblemPackageException {
        inside(dir);
        var out = new ArrayList<Path>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw fail(dir, "cannot list: " + e.getMessage());
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /** {@code p}, after checking that it does not lead outside the package through a symlink. */
    private Path inside(Path p) throws ProblemPackageException {
        try {
            if (!p.toRealPath().startsWith(realRoot)) {
                throw fail(p, "leads outside the package");
            }
            return p;
        } catch (IOException e) {
            throw fail(p, "cannot be read (a dangling symlink?): " + e.getMessage());
        }
    }

    private String readText(Path file, long maxBytes) throws ProblemPackageException {
        inside(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw fail(file, "larger than " + maxBytes + " bytes");
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fail(file, "cannot read: " + e.getMessage());
        }
    }

    private Map<String, Object> readYaml(Path file) throws ProblemPackageException {
        String text = readText(file, MAX_YAML_BYTES);
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (doc == null) {
                return Map.of();
            }
            if (!(doc instanceof Map<?, ?>)) {
                throw fail(file, "is not a YAML map");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) doc;
            return map;
        } catch (RuntimeException e) {
            throw fail(file, "is not valid YAML: " + e.getMessage());
        }
    }

    private ProblemPackageException fail(Path file, String what) {
        Path shown = file.startsWith(root) ? root.relativize(file) : file;
        return new ProblemPackageException(problemName, shown, what);
    }

    // ---- YAML values

    private static String str(Object o, String fallback) {
        return o == null ? fallback : o.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> list(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return o == null ? List.of() : List.of(o.toString());
    }

    /** Flags given as one string ("float_tolerance 1e-6") or as a list. */
    private static List<String> words(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        String s = o == null ? "" : o.toString().strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }
}
