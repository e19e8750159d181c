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
 * Reads a problem package in the Kattis / ICPC format, legacy, 2023-07 or 2025-09, into a {@link Problem}.
 *
 * <p>Only reads: nothing is compiled or run here ({@link ProblemImporter} does that). Every file read must
 * lie inside the package once symlinks are resolved.
 */
public final class ProblemPackage {

    static final long DEFAULT_TIME_LIMIT_MS = 1000;
    static final long DEFAULT_MEMORY_MIB = 1024;
    static final long DEFAULT_OUTPUT_MIB = 8;
    static final long DEFAULT_COMPILE_TIME_S = 60;
    /** Kattis' usual code limit, 128 KiB. */
    static final long DEFAULT_CODE_KIB = 128;
    private static final long MAX_YAML_BYTES = 1 << 20;

    private final Path root;
    private final Path realRoot;
    private final String shortName;
    private final List<String> warnings = new ArrayList<>();
    private final List<Path> interactionSamples = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private Format format = Format.LEGACY;
    private Constants constants = Constants.NONE;
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
        format = format(str(yaml.get("problem_format_version"), "legacy"), yamlFile);
        try {
            constants = Constants.of(yaml.get("constants"));
        } catch (IllegalArgumentException e) {
            throw fail(yamlFile, e.getMessage());
        }
        problemName = name(yaml.get("name"));

        List<String> types = list(yaml.get("type"));
        for (String type : types) {
            if (!List.of("pass-fail", "scoring", "interactive", "multi-pass", "submit-answer").contains(type)) {
                throw fail(yamlFile, "unknown problem type '" + type
                        + "' (pass-fail, scoring, interactive, multi-pass are judged here)");
            }
        }
        String validation = str(yaml.get("validation"), "default");
        List<String> validationWords = List.of(validation.toLowerCase(Locale.ROOT).split("\\s+"));
        boolean interactive = types.contains("interactive") || validationWords.contains("interactive");
        boolean multiPass = types.contains("multi-pass") || validationWords.contains("multi-pass");
        boolean scoring = types.contains("scoring") || validationWords.contains("score");
        if (types.contains("submit-answer")) {
            throw fail(yamlFile, "submit-answer problems (answers instead of programs) are not supported");
        }

        Limits limits = limits(yaml, yamlFile);
        Optional<Program> outputValidator = outputValidator();
        if ((interactive || multiPass) && outputValidator.isEmpty()) {
            throw fail(yamlFile, "an interactive or multi-pass problem needs a custom output validator");
        }
        CheckerProtocol protocol = checkerProtocol(yaml);
        List<String> flags = words(yaml.get("validator_flags"));

        Path dataDir = root.resolve("data");
        if (!Files.isDirectory(dataDir)) {
            throw fail(dataDir, "no data/ folder");
        }
        TestGroup data = group(dataDir, "", new Inherited(flags, List.of(), Map.of()), interactive);
        if (data.allTests().isEmpty()) {
            throw fail(dataDir, "no test cases (no .in files under data/)");
        }
        Optional<Path> statement = Optional.<Path>empty();
        for (String dir : List.of("statement", "problem_statement")) {
            if (Files.isDirectory(root.resolve(dir))) {
                statement = Optional.of(root.resolve(dir));
            }
        }
        List<ReferenceSubmission> submissions = submissions();
        SubmissionRules rules = submissionRules();
        return new Problem(shortName, problemName, root, format, interactive, scoring, multiPass, limits, data,
                outputValidator, protocol, inputValidators(), submissions, statement, interactionSamples, samples,
                credits(yaml), rules, constants, warnings);
    }

    /**
     * {@code problem_format_version}: absent or {@code legacy} for the first edition; {@code 2023-07} (and its
     * drafts) for the second; {@code 2025-09}, its draft and plain {@code draft} (the newest draft) for the third.
     */
    private Format format(String version, Path yamlFile) throws ProblemPackageException {
        String v = version.strip().toLowerCase(Locale.ROOT);
        if (v.equals("legacy") || v.equals("legacy-icpc")) {
            return Format.LEGACY;
        }
        if (v.startsWith("2023-07")) {
            return Format.V2023_07;
        }
        if (v.startsWith("2025-09") || v.equals("draft")) {
            return Format.V2025_09;
        }
        if (v.matches("\\d{4}-\\d{2}(-draft)?") && v.compareTo("2025-09") > 0) {
            warnings.add("problem_format_version " + version + " is newer than 2025-09; read as 2025-09");
            return Format.V2025_09;
        }
        throw fail(yamlFile, "unknown problem_format_version '" + version
                + "' (legacy, 2023-07 and 2025-09 are read)");
    }

    /**
     * {@code credits} (a person, or a map of roles to a person or a list of them; translators by language) and
     * {@code source}; legacy packages name the author in {@code author}.
     */
    private static Credits credits(Map<String, Object> yaml) {
        var byRole = new java.util.LinkedHashMap<String, List<String>>();
        Object credits = yaml.get("credits");
        if (credits instanceof Map<?, ?> roles) {
            for (String role : List.of("authors", "contributors", "testers", "translators", "packagers",
                    "acknowledgements")) {
                Object people = roles.get(role);
                if (people instanceof Map<?, ?> byLanguage && role.equals("translators")) {
                    var names = new ArrayList<String>();
                    byLanguage.forEach((lang, who) -> people(who).forEach(p -> names.add(lang + ": " + p)));
                    byRole.put(role, names);
                } else if (people != null) {
                    byRole.put(role, people(people));
                }
            }
        } else if (credits != null) {
            byRole.put("authors", people(credits));
        } else if (yaml.get("author") != null) {
            byRole.put("authors", List.of(yaml.get("author").toString()));
        }
        var source = new ArrayList<String>();
        Object given = yaml.get("source");
        for (Object entry : given instanceof List<?> l ? l : given == null ? List.of() : List.of(given)) {
            if (entry instanceof Map<?, ?> m && m.get("name") != null) {
                source.add(m.get("name") + (m.get("url") != null ? " <" + m.get("url") + ">" : ""));
            } else if (entry != null) {
                source.add(entry.toString());
            }
        }
        if (yaml.get("source_url") != null && source.size() == 1) {
            source.set(0, source.get(0) + " <" + yaml.get("source_url") + ">"); // legacy keeps the URL apart
        }
        return new Credits(byRole, source);
    }

    /** A person ("Name &lt;email&gt;" or a map with name and email), or a list of them, as display strings. */
    private static List<String> people(Object o) {
        var out = new ArrayList<String>();
        for (Object person : o instanceof List<?> l ? l : List.of(o)) {
            if (person instanceof Map<?, ?> m) {
                out.add(m.get("name") + (m.get("email") != null ? " <" + m.get("email") + ">" : ""));
            } else if (person != null) {
                out.add(person.toString());
            }
        }
        return out;
    }

    private SubmissionRules submissionRules() throws ProblemPackageException {
        Path file = root.resolve("submissions/submissions.yaml");
        if (!Files.isRegularFile(file)) {
            return SubmissionRules.DEFAULT;
        }
        try {
            return SubmissionRules.parse(readYaml(file));
        } catch (IllegalArgumentException e) {
            throw fail(file, e.getMessage());
        }
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
        double tleMultiplier;
        if (format.modern()) {
            Map<String, Object> multipliers = map(limits.get("time_multipliers"));
            multiplier = number(multipliers.get("ac_to_time_limit"), 2.0, yamlFile);
            tleMultiplier = number(multipliers.get("time_limit_to_tle"), 1.5, yamlFile);
        } else {
            multiplier = number(limits.get("time_multiplier"), 5.0, yamlFile);
            tleMultiplier = number(limits.get("time_safety_margin"), 2.0, yamlFile);
        }
        if (multiplier < 1 || tleMultiplier < 1) {
            throw fail(yamlFile, "time multipliers must be at least 1");
        }
        long resolutionMs = Math.max(1, Math.round(number(limits.get("time_resolution"), 1.0, yamlFile) * 1000));
        var validation = new Problem.ValidationLimits(
                positive(limits, "validation_time", Problem.ValidationLimits.DEFAULT.timeS(), yamlFile),
                positive(limits, "validation_memory", Problem.ValidationLimits.DEFAULT.memoryMib(), yamlFile),
                positive(limits, "validation_output", Problem.ValidationLimits.DEFAULT.outputMib(), yamlFile));
        return new Limits(
                explicitMs != null ? explicitMs : DEFAULT_TIME_LIMIT_MS,
                explicitMs != null,
                multiplier,
                tleMultiplier,
                resolutionMs,
                positive(limits, "memory", DEFAULT_MEMORY_MIB, yamlFile),
                positive(limits, "output", DEFAULT_OUTPUT_MIB, yamlFile),
                positive(limits, "code", DEFAULT_CODE_KIB, yamlFile),
                positive(limits, "compilation_time", DEFAULT_COMPILE_TIME_S, yamlFile),
                validation,
                (int) positive(limits, "validation_passes", 2, yamlFile));
    }

    /** A whole positive limit, or {@code fallback} when not given. */
    private long positive(Map<String, Object> limits, String key, long fallback, Path file)
            throws ProblemPackageException {
        double value = number(limits.get(key), fallback, file);
        if (!(value > 0) || value > Integer.MAX_VALUE) {
            throw fail(file, "limits." + key + " must be a positive number, not " + limits.get(key));
        }
        return (long) Math.ceil(value);
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
     * A Kattis package's validators speak Kattis' protocol unless problem.yaml says
     * {@code validator_protocol: testlib} (our extension). Including testlib.h says nothing: many Kattis
     * validators use a testlib.h adapted to Kattis' arguments and exit codes.
     */
    private CheckerProtocol checkerProtocol(Map<String, Object> yaml) throws ProblemPackageException {
        String declared = str(yaml.get("validator_protocol"), "kattis").strip().toLowerCase(Locale.ROOT);
        return switch (declared) {
            case "testlib" -> CheckerProtocol.TESTLIB;
            case "kattis" -> CheckerProtocol.KATTIS;
            default -> throw fail(root.resolve("problem.yaml"),
                    "validator_protocol is kattis or testlib, not " + declared);
        };
    }

    // ---- data/

    /**
     * What a group passes down to its subgroups and tests: arguments, and (legacy) the grading keys of
     * testdata.yaml, which hold for the folder and those below it unless they say otherwise.
     */
    private record Inherited(List<String> validatorArgs, List<String> args, Map<String, Object> legacyGrading,
            Map<String, List<String>> inputValidatorArgs) {

        Inherited(List<String> validatorArgs, List<String> args, Map<String, Object> legacyGrading) {
            this(validatorArgs, args, legacyGrading, Map.of());
        }

        /** This level's settings over the inherited ones. */
        Inherited with(Map<String, Object> yaml, Format format) {
            Inherited here = this;
            for (String key : List.of("output_validator_flags", "output_validator_args")) {
                if (yaml.containsKey(key)) {
                    here = new Inherited(words(yaml.get(key)), here.args, here.legacyGrading, here.inputValidatorArgs);
                }
            }
            if (yaml.containsKey("args")) {
                here = new Inherited(here.validatorArgs, words(yaml.get("args")), here.legacyGrading,
                        here.inputValidatorArgs);
            }
            for (String key : List.of("input_validator_flags", "input_validator_args")) {
                if (yaml.containsKey(key)) {
                    here = new Inherited(here.validatorArgs, here.args, here.legacyGrading,
                            inputValidatorArgs(yaml.get(key)));
                }
            }
            if (!format.modern()) {
                var grading = new java.util.HashMap<>(legacyGrading);
                for (String key : List.of("on_reject", "accept_score", "reject_score", "grader_flags", "range")) {
                    if (yaml.containsKey(key)) {
                        grading.put(key, yaml.get(key));
                    }
                }
                here = new Inherited(here.validatorArgs, here.args, grading, here.inputValidatorArgs);
            }
            return here;
        }

        /** A list for every input validator, or a map of validator name to its list (key "" for all). */
        private static Map<String, List<String>> inputValidatorArgs(Object o) {
            if (o instanceof Map<?, ?> byValidator) {
                var out = new java.util.LinkedHashMap<String, List<String>>();
                byValidator.forEach((name, args) -> out.put(String.valueOf(name), words(args)));
                return out;
            }
            return Map.of("", words(o));
        }
    }

    private TestGroup group(Path dir, String name, Inherited inherited, boolean interactive)
            throws ProblemPackageException {
        Map<String, Object> yaml = Map.of();
        for (String file : List.of("testdata.yaml", "test_group.yaml")) {
            if (Files.isRegularFile(dir.resolve(file))) {
                yaml = readYaml(dir.resolve(file), constants); // test_group.yaml may use {{constants}}
            }
        }
        Inherited here = inherited.with(yaml, format);
        var tests = new ArrayList<TestCase>();
        var groups = new ArrayList<TestGroup>();
        for (Path child : children(dir)) {
            String fileName = child.getFileName().toString();
            String childName = name.isEmpty() ? fileName : name + "/" + fileName;
            if (name.isEmpty() && !fileName.equals("sample") && !fileName.equals("secret")) {
                continue; // invalid_input/, valid_output/ and the like are for package checkers, not judging
            }
            if (Files.isDirectory(child)) {
                if (fileName.endsWith(".files")) {
                    continue;
                }
                TestGroup sub = group(child, childName, here, interactive);
                if (format == Format.V2025_09 && name.contains("/")) {
                    tests.addAll(sub.allTests()); // folders inside a 2025-09 test group only arrange its tests
                } else {
                    groups.add(sub);
                }
            } else if (fileName.endsWith(".in")) {
                TestCase test = testCase(child, childName.substring(0, childName.length() - 3), here);
                tests.add(test);
                if (test.isSample()) {
                    samples.add(sample(child, test.name()));
                }
            } else if (fileName.endsWith(".interaction")) {
                interactionSamples.add(inside(child));
                String base = fileName.substring(0, fileName.length() - ".interaction".length());
                if (!Files.isRegularFile(child.resolveSibling(base + ".in"))) {
                    // an interaction log alone is a sample for the statement, not a test case
                    samples.add(new Sample(childName.substring(0, childName.length() - ".interaction".length()),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.of(child)));
                }
            }
            // .hint, .desc, .png, .files and the like describe a test case; judging does not read them
        }
        return new TestGroup(name, tests, groups, scoring(name, yaml, dir, here));
    }

    /**
     * The sample as shown and downloaded: {@code .in.statement} over {@code .in}; {@code .ans.statement} over
     * {@code .out} over {@code .ans} (downloads: {@code .download} in place of {@code .statement}).
     */
    private Sample sample(Path input, String name) throws ProblemPackageException {
        String base = input.getFileName().toString();
        base = base.substring(0, base.length() - 3);
        Path answer = input.resolveSibling(base + ".ans");
        Path out = input.resolveSibling(base + ".out");
        Optional<Path> interaction = existing(input.resolveSibling(base + ".interaction"));
        if (interaction.isPresent()) {
            return new Sample(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    interaction);
        }
        Path shownOut = existing(out).orElse(answer);
        return new Sample(name,
                Optional.of(existing(input.resolveSibling(base + ".in.statement")).orElse(input)),
                Optional.of(existing(input.resolveSibling(base + ".ans.statement")).orElse(shownOut)),
                Optional.of(existing(input.resolveSibling(base + ".in.download")).orElse(input)),
                Optional.of(existing(input.resolveSibling(base + ".ans.download")).orElse(shownOut)),
                Optional.empty());
    }

    private Optional<Path> existing(Path file) throws ProblemPackageException {
        return Files.isRegularFile(file) ? Optional.of(inside(file)) : Optional.empty();
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
            own = own.with(readYaml(yaml), Format.V2025_09); // a test case's own .yaml holds no grading keys
        }
        return new TestCase(name, input, answer, own.validatorArgs(), own.args(), own.inputValidatorArgs());
    }

    /**
     * How a group scores. Legacy: {@code accept_score}, {@code reject_score}, {@code grader_flags} (sum, min,
     * max, avg) and {@code on_reject}, inherited from the folders above. 2023-07: a group's {@code score} and
     * aggregation, a subtask (a group below secret) all-or-nothing by default. 2025-09: {@code max_score}
     * (100 for secret), {@code score_aggregation} (sum for secret, pass-fail below) and {@code require_pass}.
     */
    private Scoring scoring(String name, Map<String, Object> yaml, Path dir, Inherited inherited)
            throws ProblemPackageException {
        Path file = dir.resolve(format == Format.V2025_09 ? "test_group.yaml" : "testdata.yaml");
        boolean counts = !name.equals("sample") && !name.startsWith("sample/");
        if (format == Format.V2025_09) {
            return modernScoring(name, yaml, file, counts);
        }
        Map<String, Object> grading = inherited.legacyGrading();
        Map<String, Object> modern = map(yaml.get("scoring"));
        Object score = modern.getOrDefault("score", yaml.get("score"));
        Double maxScore = score == null || "unbounded".equals(score) ? null : number(score, 0, file);
        Aggregation aggregation = maxScore != null && name.contains("/") ? Aggregation.MIN : Aggregation.SUM;
        String flags = str(modern.getOrDefault("aggregation", grading.get("grader_flags")), "");
        for (String flag : flags.toLowerCase(Locale.ROOT).split("\\s+")) {
            switch (flag) {
                case "sum" -> aggregation = Aggregation.SUM;
                case "min", "pass-fail" -> aggregation = Aggregation.MIN;
                case "max" -> aggregation = Aggregation.MAX;
                case "avg" -> aggregation = Aggregation.AVG;
                default -> { }
            }
        }
        String onReject = str(grading.get("on_reject"), "break").strip();
        if (!onReject.equals("break") && !onReject.equals("continue")) {
            throw fail(file, "on_reject is break or continue, not " + onReject);
        }
        return new Scoring(maxScore, aggregation, number(grading.get("accept_score"), 1, file),
                number(grading.get("reject_score"), 0, file), counts, false, List.of(),
                // data/ itself and the samples only arrange test cases: their failures stop nothing
                format == Format.LEGACY && onReject.equals("break") && (name.equals("secret")
                        || name.startsWith("secret/")));
    }

    private Scoring modernScoring(String name, Map<String, Object> yaml, Path file, boolean counts)
            throws ProblemPackageException {
        boolean secret = name.equals("secret");
        if (name.isEmpty() || !counts) {
            // data/ adds up secret (the samples never count); neither is configured by test_group.yaml
            return new Scoring(null, Aggregation.SUM, 1, 0, counts, true, List.of(), false);
        }
        Object max = yaml.get("max_score");
        Double maxScore;
        if (max == null) {
            maxScore = secret ? 100.0 : null;
        } else if ("unbounded".equals(String.valueOf(max))) {
            maxScore = null;
        } else {
            maxScore = number(max, 0, file);
            if (maxScore < 0) {
                throw fail(file, "max_score must not be negative");
            }
        }
        String given = str(yaml.get("score_aggregation"), secret ? "sum" : "pass-fail").strip();
        Aggregation aggregation = switch (given) {
            case "sum" -> Aggregation.SUM;
            case "min" -> Aggregation.MIN;
            case "pass-fail" -> Aggregation.PASS_FAIL;
            default -> throw fail(file, "score_aggregation is pass-fail, sum or min, not " + given);
        };
        if (aggregation == Aggregation.PASS_FAIL && maxScore == null && counts && !name.equals("secret")) {
            warnings.add(name + ": a pass-fail group needs a max_score to be worth anything");
        }
        return new Scoring(maxScore, aggregation, 1, 0, counts, true, list(yaml.get("require_pass")), false);
    }

    // ---- programs

    /**
     * 2023-07 on: {@code output_validator/} is one program (a file or a folder, sources possibly in a subfolder).
     * Legacy: {@code output_validators/} holds programs, of which we run one.
     */
    private Optional<Program> outputValidator() throws ProblemPackageException {
        Path modern = root.resolve("output_validator");
        if (Files.isDirectory(modern)) {
            return Optional.of(new Program("output_validator", checkedProgram(modern)));
        }
        List<Program> legacy = programs("output_validators");
        if (legacy.size() > 1) {
            throw fail(root.resolve("output_validators"), "more than one output validator");
        }
        return legacy.stream().findFirst();
    }

    /** {@code input_validators/} (legacy's deprecated name {@code input_format_validators/} too). */
    private List<Program> inputValidators() throws ProblemPackageException {
        var out = new ArrayList<Program>();
        for (String dir : List.of("input_validators", "input_validator", "input_format_validators")) {
            out.addAll(programs(dir));
        }
        return out;
    }

    /**
     * Each file or folder directly in {@code dir} is one program, READMEs and notes aside. A folder holding only
     * files, some of them headers or build/run scripts, is a single program laid out flat (a legacy habit).
     * Visualizers ({@code input_visualizer/}, {@code output_visualizer/}) are never read: they do not judge.
     */
    private List<Program> programs(String dir) throws ProblemPackageException {
        Path folder = root.resolve(dir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> entries = children(folder).stream().filter(p -> !ProgramFiles.isDocument(p)).toList();
        if (!entries.isEmpty() && entries.stream().noneMatch(Files::isDirectory) && entries.size() > 1
                && entries.stream().anyMatch(p -> p.getFileName().toString().matches("(?i).*\\.(h|hpp)$|build|run"))) {
            return List.of(new Program(dir, checkedProgram(folder)));
        }
        var out = new ArrayList<Program>();
        for (Path entry : entries) {
            out.add(new Program(dir + "/" + entry.getFileName(), checkedProgram(entry)));
        }
        return out;
    }

    /**
     * Every file or folder in {@code submissions/<folder>/}. A strange name is the submission's problem, never
     * the package's: spaces, {@code #} and backslashes are characters of the name and it is judged as it is; a
     * name beginning with a dash (which a compiler would take for an option, and which the format says to
     * ignore) and a submission with a file leading outside the package are skipped with a warning.
     */
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
                var ref = new ReferenceSubmission(folder.getFileName().toString(), submission.getFileName().toString(),
                        submission);
                String why = unusable(submission);
                if (why != null) {
                    warnings.add("submission " + ref.displayName() + " skipped: " + why);
                    continue;
                }
                out.add(ref);
            }
        }
        return out;
    }

    /** Why a reference submission cannot be judged at all, or null when it can. */
    private String unusable(Path submission) {
        String name = submission.getFileName().toString();
        if (name.startsWith("-")) {
            return "its name begins with a dash";
        }
        try {
            for (ProgramFiles.Entry e : ProgramFiles.of(submission)) {
                if (e.name().startsWith("-") || e.name().contains("/-")) {
                    return "file " + e.name() + " begins with a dash";
                }
                if (!e.path().toRealPath().startsWith(realRoot)) {
                    return "file " + e.name() + " leads outside the package";
                }
            }
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        return null;
    }

    /** {@code program}, after checking that none of its files leads outside the package. */
    private Path checkedProgram(Path program) throws ProblemPackageException {
        inside(program);
        try {
            for (ProgramFiles.Entry e : ProgramFiles.of(program)) {
                inside(e.path());
            }
        } catch (IOException e) {
            throw fail(program, "cannot be read: " + e.getMessage());
        }
        return program;
    }

    /**
     * The files of a program given as a file or a folder, subfolders and headers included; files over 4 MiB
     * are data, not sources (the judge does not compile them either).
     */
    static List<Path> sourceFiles(Path program) throws ProblemPackageException {
        try {
            var out = new ArrayList<Path>();
            for (ProgramFiles.Entry e : ProgramFiles.of(program)) {
                if (Files.size(e.path()) <= 4 << 20) {
                    out.add(e.path());
                }
            }
            return out;
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
        return readYaml(file, Constants.NONE);
    }

    private Map<String, Object> readYaml(Path file, Constants constants) throws ProblemPackageException {
        String text = constants.apply(readText(file, MAX_YAML_BYTES));
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
