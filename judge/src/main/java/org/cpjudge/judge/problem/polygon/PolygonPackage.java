package org.cpjudge.judge.problem.polygon;

import static org.cpjudge.judge.problem.polygon.ProblemXml.at;
import static org.cpjudge.judge.problem.polygon.ProblemXml.attr;
import static org.cpjudge.judge.problem.polygon.ProblemXml.child;
import static org.cpjudge.judge.problem.polygon.ProblemXml.children;
import static org.cpjudge.judge.problem.polygon.ProblemXml.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpjudge.judge.Verdict;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.Problem.CheckerProtocol;
import org.cpjudge.judge.problem.Problem.Format;
import org.cpjudge.judge.problem.Problem.Limits;
import org.cpjudge.judge.problem.ProblemPackageException;
import org.cpjudge.judge.problem.Program;
import org.cpjudge.judge.problem.Constants;
import org.cpjudge.judge.problem.Credits;
import org.cpjudge.judge.problem.ReferenceSubmission;
import org.cpjudge.judge.problem.SubmissionRules;
import org.cpjudge.judge.problem.TestGroup;
import org.w3c.dom.Element;

/**
 * Reads a Polygon package (Codeforces' format: {@code problem.xml} at the root, tests as Polygon built them)
 * into a {@link Problem}, as {@link org.cpjudge.judge.problem.ProblemPackage} does for Kattis packages.
 *
 * <p>What is read: the English name; the time and memory limits, tests and answers of the testset
 * {@code tests} (by its path patterns; samples, groups and points); the testlib checker, validators and
 * interactor, each compiled with the package's headers ({@code files/testlib.h}) beside it; the solutions with
 * the verdicts their tags promise and the language their type names; the statement folder. Only reads: the
 * tests must be in the package (a "full" package), since generating them would mean running its generators.
 * Every file read must lie inside the package once symlinks are resolved.
 */
public final class PolygonPackage {

    public static final String PROBLEM_XML = "problem.xml";
    static final long DEFAULT_OUTPUT_MIB = 64;
    static final long COMPILE_TIME_S = 60;
    /** printf patterns of one integer, as Polygon writes them: {@code tests/%02d}, {@code tests/%02d.a}. */
    /** Codeforces takes sources up to 64 KB; twice that leaves room for setters' solutions. */
    private static final long CODE_KIB = 128;
    private static final Pattern PATH_PATTERN = Pattern.compile("[^%]*%0?[1-9]?d[^%]*");

    private final Path root;
    private final Path realRoot;
    private final String shortName;
    private final List<String> warnings = new ArrayList<>();
    private String problemName;

    private PolygonPackage(Path root) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
        this.shortName = realRoot.getFileName() == null ? "problem" : realRoot.getFileName().toString();
        this.problemName = shortName;
    }

    /** Whether {@code root} holds a Polygon package rather than a Kattis one. */
    public static boolean isPolygon(Path root) {
        return Files.isRegularFile(root.resolve(PROBLEM_XML)) && !Files.exists(root.resolve("problem.yaml"));
    }

    public static Problem load(Path root) throws ProblemPackageException {
        PolygonPackage pkg;
        try {
            pkg = new PolygonPackage(root);
        } catch (IOException e) {
            throw new ProblemPackageException(String.valueOf(root.getFileName()), root, "cannot read the package", e);
        }
        return pkg.load();
    }

    private Problem load() throws ProblemPackageException {
        Path xmlFile = inside(root.resolve(PROBLEM_XML));
        Element problem;
        try {
            problem = ProblemXml.parse(xmlFile);
        } catch (IOException e) {
            throw fail(xmlFile, e.getMessage());
        }
        problemName = name(problem);
        Element judging = child(problem, "judging");
        Element testset = children(judging, "testset").stream()
                .filter(t -> "tests".equals(t.getAttribute("name"))).findFirst()
                .orElseThrow(() -> fail(xmlFile, "no <testset name=\"tests\"> under <judging>"));
        judgingOptions(judging);
        Limits limits = limits(testset, xmlFile);
        PolygonTestData data = testData(testset, xmlFile);
        TestGroup tree = data.tree();

        List<Path> headers = headers(problem);
        Element assets = child(problem, "assets");
        Optional<Program> checker = checker(assets, headers);
        Optional<Program> interactor = program(child(assets, "interactor"), "interactor", headers,
                CheckerProtocol.TESTLIB);
        var validators = new ArrayList<Program>();
        int n = 0;
        for (Element v : children(child(assets, "validators"), "validator")) {
            program(v, "validator" + (++n == 1 ? "" : "-" + n), headers, CheckerProtocol.TESTLIB)
                    .ifPresent(validators::add);
        }
        List<ReferenceSubmission> solutions = solutions(assets);
        var verdicts = new java.util.LinkedHashMap<String, Set<Verdict>>();
        for (ReferenceSubmission solution : solutions) {
            // a tag names the verdicts a solution may end in; "rejected" and "failed", anything but AC
            verdicts.put(solution.displayName(), PolygonTags.rejects(solution.folder())
                    ? java.util.EnumSet.of(Verdict.WA, Verdict.TLE, Verdict.MLE, Verdict.RTE, Verdict.OLE)
                    : solution.allowed());
        }
        return new Problem(shortName, problemName, root, Format.POLYGON, interactor.isPresent(), data.scoring(), false,
                limits, tree, checker, CheckerProtocol.TESTLIB, validators, solutions, statement(problem),
                List.of(), List.of(), Credits.NONE, SubmissionRules.byVerdict(verdicts), Constants.NONE, warnings,
                interactor);
    }

    // ---- problem.xml

    /** The English name, else the first one, else the short name. */
    private String name(Element problem) {
        List<Element> names = children(child(problem, "names"), "name");
        return names.stream().filter(e -> "english".equals(e.getAttribute("language"))).findFirst()
                .or(() -> names.stream().findFirst())
                .flatMap(e -> attr(e, "value"))
                .or(() -> attr(problem, "short-name"))
                .orElse(shortName);
    }

    /** What we cannot honour is said, not hidden: file input and output, several runs. */
    private void judgingOptions(Element judging) throws ProblemPackageException {
        for (String attribute : List.of("input-file", "output-file")) {
            Optional<String> file = attr(judging, attribute);
            if (file.isPresent() && !file.get().equals("stdin") && !file.get().equals("stdout")) {
                warnings.add("judging " + attribute + "=\"" + file.get() + "\": submissions read standard input and "
                        + "write standard output here");
            }
        }
        Optional<String> runs = attr(judging, "run-count");
        if (runs.isPresent() && !runs.get().equals("1")) {
            throw fail(root.resolve(PROBLEM_XML), "run-count " + runs.get() + ": problems run several times are not "
                    + "supported");
        }
    }

    private Limits limits(Element testset, Path xmlFile) throws ProblemPackageException {
        long timeMs = number(text(testset, "time-limit"), xmlFile, "time-limit");
        long memoryBytes = number(text(testset, "memory-limit"), xmlFile, "memory-limit");
        if (timeMs <= 0 || timeMs > 3_600_000) {
            throw fail(xmlFile, "time-limit must be between 1 and 3600000 ms, not " + timeMs);
        }
        long memoryMib = memoryBytes / (1024 * 1024);
        if (memoryMib <= 0) {
            throw fail(xmlFile, "memory-limit of " + memoryBytes + " bytes is less than 1 MiB");
        }
        // The limit is the package's own: nothing is computed from the solutions.
        return new Limits(timeMs, true, 1.0, 1.0, 1, memoryMib, DEFAULT_OUTPUT_MIB, CODE_KIB, COMPILE_TIME_S,
                Problem.ValidationLimits.DEFAULT, 1);
    }

    private PolygonTestData testData(Element testset, Path xmlFile) throws ProblemPackageException {
        String inputPattern = pattern(testset, "input-path-pattern", xmlFile);
        String answerPattern = pattern(testset, "answer-path-pattern", xmlFile);
        List<Element> testElements = children(child(testset, "tests"), "test");
        Optional<String> declaredCount = text(testset, "test-count");
        if (declaredCount.isPresent()
                && number(declaredCount, xmlFile, "test-count") != testElements.size()) {
            throw fail(xmlFile, "test-count says " + declaredCount.get() + " but " + testElements.size()
                    + " <test> elements follow");
        }
        if (testElements.isEmpty()) {
            throw fail(xmlFile, "the testset tests has no tests");
        }
        var tests = new ArrayList<PolygonTestData.Test>();
        for (int i = 1; i <= testElements.size(); i++) {
            Element t = testElements.get(i - 1);
            Path input = root.resolve(String.format(Locale.ROOT, inputPattern, i));
            Path answer = root.resolve(String.format(Locale.ROOT, answerPattern, i));
            if (!Files.isRegularFile(input)) {
                throw fail(input, "test " + i + " has no input: tests are not in the package (download the full "
                        + "package from Polygon, which holds the built tests)");
            }
            if (!Files.isRegularFile(answer)) {
                throw fail(answer, "test " + i + " has no answer file");
            }
            tests.add(new PolygonTestData.Test(i, inside(input), inside(answer),
                    attr(t, "sample").map(Boolean::parseBoolean).orElse(false),
                    attr(t, "group").orElse(null), points(attr(t, "points"), xmlFile)));
        }
        var groups = new ArrayList<PolygonTestData.Group>();
        for (Element g : children(child(testset, "groups"), "group")) {
            String name = attr(g, "name").orElseThrow(() -> fail(xmlFile, "a <group> without a name"));
            String policy = attr(g, "points-policy").orElse("each-test");
            if (!policy.equals("each-test") && !policy.equals("complete-group")) {
                throw fail(xmlFile, "group " + name + ": unknown points-policy " + policy);
            }
            Optional<String> points = attr(g, "points");
            List<String> dependsOn = children(child(g, "dependencies"), "dependency").stream()
                    .map(d -> d.getAttribute("group")).toList();
            groups.add(new PolygonTestData.Group(name, points.isPresent() ? points(points, xmlFile) : null,
                    policy.equals("complete-group"), dependsOn));
        }
        return new PolygonTestData(tests, groups);
    }

    private String pattern(Element testset, String element, Path xmlFile) throws ProblemPackageException {
        String p = text(testset, element)
                .orElseThrow(() -> fail(xmlFile, "the testset tests has no <" + element + ">"));
        if (!PATH_PATTERN.matcher(p).matches() || p.startsWith("/") || p.contains("..")) {
            throw fail(xmlFile, element + " " + p + " is not a path with one %d in the package");
        }
        return p;
    }

    // ---- programs

    /** The headers of {@code <files><resources>} (testlib.h, often), compiled beside every program. */
    private List<Path> headers(Element problem) throws ProblemPackageException {
        var out = new LinkedHashSet<Path>();
        for (Element f : children(at(problem, "files", "resources"), "file")) {
            Optional<String> path = attr(f, "path");
            if (path.isPresent() && path.get().matches("(?i).*\\.(h|hpp|hxx|hh)")) {
                Path p = root.resolve(path.get());
                if (Files.isRegularFile(p)) {
                    out.add(inside(p));
                }
            }
        }
        if (out.isEmpty() && Files.isRegularFile(root.resolve("files/testlib.h"))) {
            out.add(inside(root.resolve("files/testlib.h"))); // a package that does not list its resources
        }
        return List.copyOf(out);
    }

    /** The checker by {@code assets/checker/source}, else {@code check.cpp} at the root or in files/. */
    private Optional<Program> checker(Element assets, List<Path> headers) throws ProblemPackageException {
        Element checker = child(assets, "checker");
        Optional<String> type = attr(checker, "type");
        if (type.isPresent() && !type.get().equals("testlib")) {
            throw fail(root.resolve(PROBLEM_XML), "checker type " + type.get() + " is not supported (testlib is)");
        }
        Optional<Program> declared = program(checker, "checker", headers, CheckerProtocol.TESTLIB);
        if (declared.isPresent()) {
            return declared;
        }
        for (String candidate : List.of("check.cpp", "files/check.cpp")) {
            if (Files.isRegularFile(root.resolve(candidate))) {
                return Optional.of(new Program("checker", inside(root.resolve(candidate)),
                        companions(root.resolve(candidate), headers), CheckerProtocol.TESTLIB));
            }
        }
        warnings.add("no checker: outputs are compared with the answers token by token");
        return Optional.empty();
    }

    /** The program an asset's {@code <source path>} names; empty when there is no such element. */
    private Optional<Program> program(Element asset, String name, List<Path> headers, CheckerProtocol protocol)
            throws ProblemPackageException {
        Optional<String> path = attr(child(asset, "source"), "path");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Path source = root.resolve(path.get());
        if (!Files.isRegularFile(source)) {
            throw fail(source, "the " + name + "'s source is missing");
        }
        return Optional.of(new Program(name, inside(source), companions(source, headers), protocol));
    }

    /** The headers, less one the source itself is or one named like a file beside the source. */
    private static List<Path> companions(Path source, List<Path> headers) {
        Set<String> names = new java.util.HashSet<>();
        names.add(source.getFileName().toString());
        var out = new ArrayList<Path>();
        for (Path h : headers) {
            if (names.add(h.getFileName().toString())) {
                out.add(h);
            }
        }
        return out;
    }

    private List<ReferenceSubmission> solutions(Element assets) throws ProblemPackageException {
        var out = new ArrayList<ReferenceSubmission>();
        for (Element s : children(child(assets, "solutions"), "solution")) {
            String tag = attr(s, "tag").orElse("rejected");
            Element source = child(s, "source");
            Optional<String> path = attr(source, "path");
            Optional<Set<Verdict>> allowed = PolygonTags.allowed(tag);
            if (path.isEmpty() || allowed.isEmpty()) {
                continue; // do-not-run, or nothing to run
            }
            Path file = root.resolve(path.get());
            if (!Files.isRegularFile(file)) {
                warnings.add("solution " + path.get() + " (" + tag + ") is not in the package");
                continue;
            }
            out.add(new ReferenceSubmission(tag, file.getFileName().toString(), inside(file), allowed.get(),
                    PolygonLanguages.languageId(source.getAttribute("type"))));
        }
        return out;
    }

    // ---- statement

    /**
     * The folder of the English statement (else any), preferring the HTML Polygon rendered, then the PDF, then
     * the LaTeX source; else {@code statement-sections/english}; else {@code statements/}.
     */
    private Optional<Path> statement(Element problem) throws ProblemPackageException {
        List<Element> statements = children(child(problem, "statements"), "statement");
        List<Element> english = statements.stream().filter(e -> "english".equals(e.getAttribute("language"))).toList();
        List<Element> candidates = english.isEmpty() ? statements : english;
        for (String type : List.of("text/html", "application/pdf", "application/x-tex")) {
            for (Element e : candidates) {
                Optional<String> path = attr(e, "path");
                if (type.equals(e.getAttribute("type")) && path.isPresent()) {
                    Path file = root.resolve(path.get());
                    if (Files.isRegularFile(file) && file.getParent() != null) {
                        return Optional.of(inside(file.getParent()));
                    }
                }
            }
        }
        for (String dir : List.of("statement-sections/english", "statements")) {
            if (Files.isDirectory(root.resolve(dir))) {
                return Optional.of(inside(root.resolve(dir)));
            }
        }
        return Optional.empty();
    }

    // ---- values and files

    private long number(Optional<String> text, Path file, String what) throws ProblemPackageException {
        try {
            return Long.parseLong(text.orElseThrow(() -> fail(file, "no " + what)).strip());
        } catch (NumberFormatException e) {
            throw fail(file, what + " is not a whole number: " + text.get());
        }
    }

    private double points(Optional<String> text, Path file) throws ProblemPackageException {
        if (text.isEmpty()) {
            return 0;
        }
        try {
            double p = Double.parseDouble(text.get());
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw fail(file, "points must be a number of at least 0, not " + text.get());
            }
            return p;
        } catch (NumberFormatException e) {
            throw fail(file, "points is not a number: " + text.get());
        }
    }

    /** {@code p}, after checking that it does not lead outside the package (by "..", or through a symlink). */
    private Path inside(Path p) throws ProblemPackageException {
        try {
            if (!p.normalize().startsWith(root.normalize()) || !p.toRealPath().startsWith(realRoot)) {
                throw fail(p, "leads outside the package");
            }
            return p;
        } catch (IOException e) {
            throw fail(p, "cannot be read (a dangling symlink?): " + e.getMessage());
        }
    }

    private ProblemPackageException fail(Path file, String what) {
        Path shown = file.startsWith(root) ? root.relativize(file) : file;
        return new ProblemPackageException(problemName, shown, what);
    }
}
