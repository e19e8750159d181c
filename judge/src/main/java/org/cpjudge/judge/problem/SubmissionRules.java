package org.cpjudge.judge.problem;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpjudge.judge.Verdict;

/**
 * What a package expects of its reference submissions: the default rule of each {@code submissions/} folder
 * ({@code accepted}: every test case AC; {@code wrong_answer}: only AC or WA, at least one WA; ...) and what
 * {@code submissions/submissions.yaml} adds (2025-09: globs over submissions, each with {@code permitted},
 * {@code required}, {@code score}, {@code message}, {@code use_for_time_limit}, {@code language},
 * {@code entrypoint}, and the same keys under test group globs).
 *
 * <p>Rules speak Kattis' four test case verdicts. The judge's MLE and OLE are Kattis' RTE, so a rule's RTE
 * takes them too; our own folders {@code memory_limit_exceeded}, {@code output_limit_exceeded} and
 * {@code compile_error} expect exactly MLE, OLE and CE.
 */
public final class SubmissionRules {

    /** AC, WA, TLE, RTE (with MLE and OLE): what a rule permits when it does not say. */
    static final Set<Verdict> ANY = EnumSet.of(Verdict.AC, Verdict.WA, Verdict.TLE, Verdict.RTE, Verdict.MLE,
            Verdict.OLE);

    /** Every verdict a test case can get (AC, WA, TLE, RTE, MLE, OLE). */
    public static Set<Verdict> anyTestVerdict() {
        return ANY;
    }

    /** How a submission bears on the time limit ({@code use_for_time_limit}). */
    public enum TimeLimitUse {
        /** Decided by its permitted and required verdicts. */
        DEFAULT,
        /** Not used. */
        NONE,
        /** Its slowest time times {@code ac_to_time_limit} bounds the limit from below. */
        LOWER,
        /** Its slowest time over {@code time_limit_to_tle} bounds the limit from above. */
        UPPER
    }

    /** A score the submission (or a group, under a test glob) must earn: exactly, or within [low, high]. */
    public record ScoreRange(double low, double high) {

        public boolean contains(double score) {
            return score >= low - 1e-9 && score <= high + 1e-9;
        }

        @Override
        public String toString() {
            return low == high ? format(low) : "[" + format(low) + ", " + format(high) + "]";
        }

        private static String format(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /**
     * One requirement on the test cases its {@code tests} glob picks (all when empty).
     *
     * @param permitted  every test case's verdict must be one of these
     * @param required   at least one test case's verdict must be one of these; empty: no such requirement
     * @param score      what the submission, or the group the glob names, must score
     * @param message    a text some test case's judge message must contain
     */
    public record Rule(Optional<Glob> tests, Set<Verdict> permitted, Set<Verdict> required,
            Optional<ScoreRange> score, Optional<String> message, TimeLimitUse timeLimitUse,
            Optional<Set<Verdict>> finalVerdict, String finalVerdictSource) {

        public Rule {
            permitted = Set.copyOf(permitted);
            required = Set.copyOf(required);
        }

        public Rule(Optional<Glob> tests, Set<Verdict> permitted, Set<Verdict> required, Optional<ScoreRange> score,
                Optional<String> message, TimeLimitUse timeLimitUse) {
            this(tests, permitted, required, score, message, timeLimitUse, Optional.empty(), "");
        }

        static Rule of(Set<Verdict> permitted, Set<Verdict> required) {
            return new Rule(Optional.empty(), permitted, required, Optional.empty(), Optional.empty(),
                    TimeLimitUse.DEFAULT);
        }

        /** Whether the test case (or group) called {@code name} falls under this rule. */
        public boolean covers(String testName) {
            return tests.isEmpty() || tests.get().matchesOrParent(testName);
        }

        /** Never allowed TLE: its slowest time bounds the limit from below (2025-09 "Timelimit inference"). */
        public boolean lowerBound() {
            return timeLimitUse == TimeLimitUse.LOWER
                    || timeLimitUse == TimeLimitUse.DEFAULT && !permitted.contains(Verdict.TLE);
        }

        /** Must TLE and nothing else will do: its slowest time bounds the limit from above. */
        public boolean upperBound() {
            return timeLimitUse == TimeLimitUse.UPPER
                    || timeLimitUse == TimeLimitUse.DEFAULT && required.equals(Set.of(Verdict.TLE));
        }

        /** "AC,WA; at least one WA" and the like, for people. */
        public String describe() {
            if (finalVerdict.isPresent()) {
                return "verdict " + names(finalVerdict.get()) + finalVerdictSource;
            }
            var out = new StringBuilder(names(permitted));
            if (!required.isEmpty() && !required.equals(permitted)) {
                out.append(" with ").append(names(required));
            }
            score.ifPresent(s -> out.append(" score ").append(s));
            message.ifPresent(m -> out.append(" message '").append(m).append("'"));
            tests.ifPresent(t -> out.insert(0, t + ": "));
            return out.toString();
        }

        private static String names(Set<Verdict> verdicts) {
            var shown = EnumSet.copyOf(verdicts);
            if (shown.contains(Verdict.RTE)) {
                shown.remove(Verdict.MLE);
                shown.remove(Verdict.OLE);
            }
            return String.join(",", shown.stream().map(Verdict::name).toList());
        }
    }

    /** What applies to one submission: its rules, and the language and entry point the package gives it. */
    public record Expectation(List<Rule> rules, Optional<String> language, Optional<String> entrypoint,
            boolean startsWithFolderRule) {

        public Expectation {
            rules = List.copyOf(rules);
        }

        /**
         * DOMjudge's annotation in a source file, {@code @EXPECTED_RESULTS@: CORRECT, TIMELIMIT}: the
         * submission's verdict must be one of those, whatever folder it sits in. It replaces the folder's rule
         * (DOMjudge packages keep annotated submissions in folders such as {@code mixed/}); submissions.yaml's
         * rules still hold.
         */
        public Expectation withDomjudgeResults(Set<Verdict> verdicts) {
            return withVerdicts(verdicts, " (@EXPECTED_RESULTS@)");
        }

        /** The judgement's verdict must be one of {@code verdicts}, in place of the folder's rule. */
        Expectation withVerdicts(Set<Verdict> verdicts, String source) {
            var rules = new ArrayList<Rule>();
            rules.add(new Rule(Optional.empty(), union(ANY, EnumSet.of(Verdict.CE)), Set.of(), Optional.empty(),
                    Optional.empty(), TimeLimitUse.NONE, Optional.of(verdicts), source));
            this.rules.stream().skip(startsWithFolderRule ? 1 : 0).forEach(rules::add);
            return new Expectation(rules, language, entrypoint, false);
        }

        /** Whether some rule says what to expect (an unknown folder without submissions.yaml says nothing). */
        public boolean says() {
            return !rules.isEmpty();
        }

        public String describe() {
            return String.join("; ", rules.stream().map(Rule::describe).toList());
        }
    }

    /** A glob over names with {@code /}: {@code *} stays within a name part, {@code {a,b}} is either. */
    public record Glob(String pattern, Pattern regex) {

        static Glob of(String given) {
            String pattern = given.replaceAll("/+$", "");
            var re = new StringBuilder();
            int braces = 0;
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> re.append("[^/]*");
                    case '?' -> re.append("[^/]");
                    case '{' -> {
                        braces++;
                        re.append("(?:");
                    }
                    case '}' -> {
                        if (braces == 0) {
                            throw new IllegalArgumentException("unbalanced '}' in " + pattern);
                        }
                        braces--;
                        re.append(")");
                    }
                    case ',' -> re.append(braces > 0 ? "|" : ",");
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            if (braces != 0) {
                throw new IllegalArgumentException("unbalanced '{' in " + pattern);
            }
            return new Glob(pattern, Pattern.compile(re.toString()));
        }

        /** The name itself, or a folder above it, matches ("accepted" covers "accepted/sol.py"). */
        public boolean matchesOrParent(String name) {
            for (String candidate = name; !candidate.isEmpty(); ) {
                if (regex.matcher(candidate).matches()) {
                    return true;
                }
                int slash = candidate.lastIndexOf('/');
                candidate = slash < 0 ? "" : candidate.substring(0, slash);
            }
            return false;
        }

        @Override
        public String toString() {
            return pattern;
        }
    }

    private record Entry(Glob submissions, Map<String, Object> settings) {
    }

    public static final SubmissionRules DEFAULT = new SubmissionRules(Map.of(), List.of(), Map.of());

    /**
     * Rules for packages that give each submission its verdict outright, as Polygon's tags do
     * ({@code wrong-answer}, {@code time-limit-exceeded-or-accepted}, ...): submission path to the verdicts its
     * judgement may end in.
     */
    public static SubmissionRules byVerdict(Map<String, Set<Verdict>> verdictsByPath) {
        return new SubmissionRules(Map.of(), List.of(), verdictsByPath);
    }

    /** The default rule of each folder, as 2025-09 lists them, after submissions.yaml's changes to them. */
    private final Map<String, Rule> folderDefaults;
    private final List<Entry> entries;
    private final Map<String, Set<Verdict>> verdictsByPath;

    private SubmissionRules(Map<String, Rule> folderOverrides, List<Entry> entries,
            Map<String, Set<Verdict>> verdictsByPath) {
        var defaults = new LinkedHashMap<String, Rule>(folderDefaultsOfTheFormat());
        defaults.putAll(folderOverrides);
        this.folderDefaults = defaults;
        this.entries = List.copyOf(entries);
        this.verdictsByPath = Map.copyOf(verdictsByPath);
    }

    private static Map<String, Rule> folderDefaultsOfTheFormat() {
        Set<Verdict> rte = EnumSet.of(Verdict.RTE, Verdict.MLE, Verdict.OLE);
        var m = new LinkedHashMap<String, Rule>();
        m.put("accepted", Rule.of(EnumSet.of(Verdict.AC), Set.of()));
        m.put("rejected", Rule.of(ANY, union(EnumSet.of(Verdict.WA, Verdict.TLE), rte)));
        m.put("wrong_answer", Rule.of(EnumSet.of(Verdict.AC, Verdict.WA), EnumSet.of(Verdict.WA)));
        m.put("time_limit_exceeded", Rule.of(EnumSet.of(Verdict.AC, Verdict.TLE), EnumSet.of(Verdict.TLE)));
        m.put("run_time_error", Rule.of(union(EnumSet.of(Verdict.AC), rte), rte));
        m.put("brute_force", Rule.of(union(EnumSet.of(Verdict.AC, Verdict.TLE), rte), union(EnumSet.of(Verdict.TLE), rte)));
        // folders of our own and DOMjudge's: one verdict each, exactly
        m.put("memory_limit_exceeded", Rule.of(EnumSet.of(Verdict.AC, Verdict.MLE), EnumSet.of(Verdict.MLE)));
        m.put("output_limit_exceeded", Rule.of(EnumSet.of(Verdict.AC, Verdict.OLE), EnumSet.of(Verdict.OLE)));
        m.put("compile_error", Rule.of(EnumSet.of(Verdict.CE), EnumSet.of(Verdict.CE)));
        return m;
    }

    /** Reads {@code submissions.yaml}; a malformed entry is an {@link IllegalArgumentException} naming it. */
    public static SubmissionRules parse(Map<String, Object> yaml) {
        var overrides = new LinkedHashMap<String, Rule>();
        var entries = new ArrayList<Entry>();
        Map<String, Rule> defaults = folderDefaultsOfTheFormat();
        for (Map.Entry<String, Object> e : yaml.entrySet()) {
            String key = e.getKey().replaceAll("/+$", "");
            Map<String, Object> settings = settings(e.getValue(), key);
            if (defaults.containsKey(key)) {
                // naming a default folder changes its default; keys it does not give stay as they were
                overrides.put(key, rule(Optional.empty(), settings, defaults.get(key), key));
                Map<String, Object> rest = new LinkedHashMap<>(settings);
                List.of("permitted", "required", "score", "message", "use_for_time_limit").forEach(rest::remove);
                if (!rest.isEmpty()) {
                    entries.add(new Entry(Glob.of(key), rest));
                }
            } else {
                entries.add(new Entry(Glob.of(key), settings));
            }
        }
        var rules = new SubmissionRules(overrides, entries, Map.of());
        rules.checkEntries();
        return rules;
    }

    /** Builds every entry's rules once so that a bad one is refused at import, not when judging. */
    private void checkEntries() {
        for (Entry entry : entries) {
            rulesOf(entry);
        }
    }

    /** Everything that applies to the submission at {@code path} (relative to {@code submissions/}). */
    public Expectation forSubmission(String path) {
        var rules = new ArrayList<Rule>();
        String folder = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        Rule folderRule = folderDefaults.get(folder);
        if (folderRule != null) {
            rules.add(folderRule);
        }
        Optional<String> language = Optional.empty();
        Optional<String> entrypoint = Optional.empty();
        for (Entry entry : entries) {
            if (entry.submissions().matchesOrParent(path)) {
                rules.addAll(rulesOf(entry));
                if (entry.settings().get("language") != null) {
                    language = Optional.of(String.valueOf(entry.settings().get("language")));
                }
                if (entry.settings().get("entrypoint") != null) {
                    entrypoint = Optional.of(String.valueOf(entry.settings().get("entrypoint")));
                }
            }
        }
        var expectation = new Expectation(rules, language, entrypoint, folderRule != null);
        Set<Verdict> given = verdictsByPath.get(path);
        return given == null ? expectation : expectation.withVerdicts(given, "");
    }

    private static final Set<String> SUBMISSION_KEYS = Set.of("language", "entrypoint", "authors", "author",
            "model_solution", "permitted", "required", "score", "message", "use_for_time_limit");

    /** An entry's own rule (when it says anything to check) and one per test group glob under it. */
    private static List<Rule> rulesOf(Entry entry) {
        var out = new ArrayList<Rule>();
        Map<String, Object> own = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entry.settings().entrySet()) {
            if (SUBMISSION_KEYS.contains(e.getKey())) {
                own.put(e.getKey(), e.getValue());
            } else if (e.getKey().startsWith("sample") || e.getKey().startsWith("secret")) {
                out.add(rule(Optional.of(Glob.of(e.getKey())), settings(e.getValue(), entry.submissions() + " "
                        + e.getKey()), null, entry.submissions() + " " + e.getKey()));
            } else {
                throw new IllegalArgumentException(entry.submissions() + ": unknown key '" + e.getKey()
                        + "' (test groups start with sample or secret)");
            }
        }
        if (List.of("permitted", "required", "score", "message", "use_for_time_limit").stream()
                .anyMatch(own::containsKey)) {
            out.add(0, rule(Optional.empty(), own, null, entry.submissions().toString()));
        }
        return out;
    }

    private static Rule rule(Optional<Glob> tests, Map<String, Object> s, Rule base, String where) {
        Set<Verdict> permitted = s.containsKey("permitted") ? verdicts(s.get("permitted"), where)
                : base != null ? base.permitted() : ANY;
        Set<Verdict> required = s.containsKey("required") ? verdicts(s.get("required"), where)
                : base != null ? base.required() : Set.of();
        Optional<ScoreRange> score = s.containsKey("score") ? Optional.of(score(s.get("score"), where))
                : base != null ? base.score() : Optional.empty();
        Optional<String> message = s.containsKey("message") ? Optional.of(String.valueOf(s.get("message")))
                : base != null ? base.message() : Optional.empty();
        TimeLimitUse use = s.containsKey("use_for_time_limit") ? timeLimitUse(s.get("use_for_time_limit"), where)
                : base != null ? base.timeLimitUse() : TimeLimitUse.DEFAULT;
        return new Rule(tests, permitted, required, score, message, use);
    }

    private static Set<Verdict> verdicts(Object o, String where) {
        var out = EnumSet.noneOf(Verdict.class);
        for (Object v : o instanceof List<?> l ? l : List.of(o)) {
            switch (String.valueOf(v).strip().toUpperCase(Locale.ROOT)) {
                case "AC" -> out.add(Verdict.AC);
                case "WA" -> out.add(Verdict.WA);
                case "TLE" -> out.add(Verdict.TLE);
                case "RTE" -> out.addAll(EnumSet.of(Verdict.RTE, Verdict.MLE, Verdict.OLE));
                default -> throw new IllegalArgumentException(where + ": verdicts are AC, WA, TLE and RTE, not " + v);
            }
        }
        return out;
    }

    private static ScoreRange score(Object o, String where) {
        if (o instanceof List<?> l) {
            if (l.size() != 2) {
                throw new IllegalArgumentException(where + ": score is a number or a list of two");
            }
            double low = number(l.get(0), where);
            double high = number(l.get(1), where);
            if (low > high) {
                throw new IllegalArgumentException(where + ": score range " + l + " is empty");
            }
            return new ScoreRange(low, high);
        }
        double exact = number(o, where);
        return new ScoreRange(exact, exact);
    }

    private static double number(Object o, String where) {
        try {
            return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": not a number: " + o);
        }
    }

    private static TimeLimitUse timeLimitUse(Object o, String where) {
        return switch (String.valueOf(o).strip().toLowerCase(Locale.ROOT)) {
            case "false" -> TimeLimitUse.NONE;
            case "true" -> TimeLimitUse.DEFAULT;
            case "lower" -> TimeLimitUse.LOWER;
            case "upper" -> TimeLimitUse.UPPER;
            default -> throw new IllegalArgumentException(where + ": use_for_time_limit is true, false, lower or upper");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(Object o, String where) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a map of settings");
        }
        return (Map<String, Object>) m;
    }

    /** The verdicts DOMjudge's {@code @EXPECTED_RESULTS@:} line in a source names, if it has one. */
    public static Optional<Set<Verdict>> domjudgeExpectedResults(String source) {
        var m = Pattern.compile("@EXPECTED_RESULTS@:?\\s*([A-Za-z_, -]+)").matcher(source);
        if (!m.find()) {
            return Optional.empty();
        }
        var out = EnumSet.noneOf(Verdict.class);
        for (String word : m.group(1).split("[,\\s]+")) {
            switch (word.strip().toUpperCase(Locale.ROOT)) {
                case "CORRECT" -> out.add(Verdict.AC);
                case "WRONG-ANSWER", "WRONG_ANSWER", "NO-OUTPUT", "NO_OUTPUT" -> out.add(Verdict.WA);
                case "TIMELIMIT" -> out.add(Verdict.TLE);
                case "RUN-ERROR", "RUN_ERROR" -> out.addAll(EnumSet.of(Verdict.RTE, Verdict.MLE));
                case "OUTPUT-LIMIT", "OUTPUT_LIMIT" -> out.add(Verdict.OLE);
                case "MEMORY-LIMIT", "MEMORY_LIMIT" -> out.add(Verdict.MLE);
                case "COMPILER-ERROR", "COMPILER_ERROR" -> out.add(Verdict.CE);
                default -> { }
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static <T extends Enum<T>> Set<T> union(Set<T> a, Set<T> b) {
        var out = new java.util.HashSet<T>(a);
        out.addAll(b);
        return out;
    }
}
