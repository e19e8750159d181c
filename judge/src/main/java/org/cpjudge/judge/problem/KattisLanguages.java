package org.cpjudge.judge.problem;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.judge.Language;
import org.cpjudge.judge.Languages;

/**
 * Kattis' language codes (the format's languages table: {@code cpp}, {@code python3}, {@code csharp}, ...) and
 * which of our installed languages each one names. Packages use them for {@code include/<code>/} folders and
 * the {@code language} key of {@code submissions.yaml}.
 *
 * <p>A code names a language of ours whose id is the code ({@code java}), the code and a version
 * ({@code cpp20} for {@code cpp}), or a second implementation of it ({@code pypy3} for {@code python3}). A code
 * no id matches names the languages that take its file endings, so that a language added under another id
 * is still found.
 */
public final class KattisLanguages {

    /** Kattis code to its file endings, from the format's languages table (endings used to tell the language). */
    private static final Map<String, List<String>> ENDINGS = Map.ofEntries(
            Map.entry("ada", List.of("adb", "ads")), Map.entry("algol68", List.of("a68")),
            Map.entry("apl", List.of("apl")), Map.entry("bash", List.of("sh")), Map.entry("c", List.of("c")),
            Map.entry("cobol", List.of("cob")), Map.entry("cpp", List.of("cc", "cpp", "cxx", "c++", "C")),
            Map.entry("crystal", List.of("cr")), Map.entry("csharp", List.of("cs")), Map.entry("d", List.of("d")),
            Map.entry("dart", List.of("dart")), Map.entry("elixir", List.of("ex")),
            Map.entry("erlang", List.of("erl")), Map.entry("forth", List.of("fth", "4th", "forth", "frt")),
            Map.entry("fortran", List.of("f90")), Map.entry("fsharp", List.of("fs")),
            Map.entry("gerbil", List.of("ss")), Map.entry("go", List.of("go")), Map.entry("haskell", List.of("hs")),
            Map.entry("java", List.of("java")), Map.entry("javascript", List.of("js")),
            Map.entry("julia", List.of("jl")), Map.entry("kotlin", List.of("kt")),
            Map.entry("lisp", List.of("lisp", "cl")), Map.entry("lua", List.of("lua")),
            Map.entry("modula2", List.of("mod", "def")), Map.entry("nim", List.of("nim")),
            Map.entry("objectivec", List.of("m")), Map.entry("ocaml", List.of("ml")),
            Map.entry("odin", List.of("odin")), Map.entry("pascal", List.of("pas")), Map.entry("perl", List.of("pm")),
            Map.entry("php", List.of("php")), Map.entry("prolog", List.of("pl")),
            Map.entry("python2", List.of("py2")), Map.entry("python3", List.of("py", "py3")),
            Map.entry("racket", List.of("rkt")), Map.entry("ruby", List.of("rb")), Map.entry("rust", List.of("rs")),
            Map.entry("scala", List.of("scala")), Map.entry("simula", List.of("sim")),
            Map.entry("smalltalk", List.of("st")), Map.entry("snobol", List.of("sno")),
            Map.entry("swift", List.of("swift")), Map.entry("typescript", List.of("ts")),
            Map.entry("visualbasic", List.of("vb")), Map.entry("zig", List.of("zig")));

    /** Other implementations of a language, by the id they go under here. */
    private static final Map<String, String> IMPLEMENTATIONS = Map.of("pypy3", "python3", "pypy2", "python2",
            "pypy", "python3");

    private KattisLanguages() {
    }

    /** Whether Kattis code {@code code} names {@code language}, given every language installed here. */
    public static boolean names(String code, Language language, Languages installed) {
        if (byId(code, language.id())) {
            return true;
        }
        if (installed.installed().stream().anyMatch(l -> byId(code, l.id()))) {
            return false; // the code has a language of its own here; endings would also catch its cousins
        }
        return ENDINGS.getOrDefault(code, List.of()).stream().anyMatch(e -> language.accepts("x." + e));
    }

    /** The first installed language that {@code code} names. */
    public static Optional<Language> forCode(String code, Languages installed) {
        return installed.installed().stream().filter(l -> names(code, l, installed)).findFirst();
    }

    /** Whether {@code code} is one of the format's language codes. */
    public static boolean isCode(String code) {
        return ENDINGS.containsKey(code) || code.equals("cgmp") || code.equals("cppgmp") || code.equals("javaalgs4")
                || code.equals("octave") || code.equals("python3numpy");
    }

    private static boolean byId(String code, String id) {
        return id.equals(code) || IMPLEMENTATIONS.getOrDefault(id, "").equals(code)
                || id.startsWith(code) && id.length() > code.length() && id.substring(code.length()).matches("\\d+");
    }
}
