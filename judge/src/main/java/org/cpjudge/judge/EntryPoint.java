package org.cpjudge.judge;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the main file of a multi-file submission is found, the way Kattis does it: for Java the class that
 * declares {@code main}, for Kotlin the file with a top-level {@code fun main}, for scripts a file named
 * {@code main} (or {@code __main__.py}) or the only file; compiled languages that link every file need none.
 * Pascal's main file is the one that is not a {@code unit}, Ada's the one whose library unit is a
 * {@code procedure} (after its context clauses), Scala's the one with an {@code object} that has {@code main}
 * or {@code extends App}.
 */
public enum EntryPoint {
    ALL_FILES(null),
    JAVA_MAIN_CLASS(Pattern.compile("\\bstatic\\s+(?:final\\s+)?void\\s+main\\s*\\(")),
    KOTLIN_MAIN(Pattern.compile("^\\s*fun\\s+main\\s*\\(", Pattern.MULTILINE)),
    RUST_MAIN(Pattern.compile("\\bfn\\s+main\\s*\\(")),
    SCRIPT(Pattern.compile("__name__\\s*==\\s*['\"]__main__['\"]")),
    PASCAL_PROGRAM(Pattern.compile("\\A(?:\\s|\\{[^}]*}|\\(\\*.*?\\*\\)|//[^\\n]*)*+(?!unit\\b)\\w",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL)),
    ADA_MAIN(Pattern.compile("\\A(?:\\s|--[^\\n]*|(?:limited\\s+|private\\s+)*with\\s[^;]*;|use\\s[^;]*;)*+procedure\\b",
            Pattern.CASE_INSENSITIVE)),
    SCALA_OBJECT(Pattern.compile("\\bdef\\s+main\\s*\\(|\\bextends\\s+App\\b"));

    private static final Pattern SCALA_OBJECT_NAME = Pattern.compile("\\bobject\\s+([A-Za-z_$][\\w$]*)");

    private final Pattern declaresMain;

    EntryPoint(Pattern declaresMain) {
        this.declaresMain = declaresMain;
    }

    /** The file the program starts in. */
    public SourceFile mainFile(List<SourceFile> files, Language language) {
        List<SourceFile> own = files.stream().filter(f -> language.accepts(f.name()))
                .sorted(Comparator.comparing(SourceFile::name)).toList();
        if (own.isEmpty()) {
            return files.get(0);
        }
        if (own.size() == 1 || this == ALL_FILES) {
            return own.get(0);
        }
        if (this == SCRIPT) {
            Optional<SourceFile> named = own.stream().filter(f -> baseName(f).equals("main")
                    || f.name().equals("__main__.py")).findFirst();
            if (named.isPresent()) {
                return named.get();
            }
        }
        return own.stream().filter(f -> declaresMain.matcher(f.content()).find()).findFirst().orElse(own.get(0));
    }

    /**
     * The JVM class to start: {@code Foo} for Foo.java, {@code FooKt} for foo.kt, and for Scala the last
     * {@code object} declared before its {@code main} (or {@code extends App}).
     */
    public String mainClass(SourceFile main) {
        String base = baseName(main);
        if (this == KOTLIN_MAIN && !base.isEmpty()) {
            return Character.toUpperCase(base.charAt(0)) + base.substring(1) + "Kt";
        }
        if (this == SCALA_OBJECT) {
            Matcher start = declaresMain.matcher(main.content());
            Matcher object = SCALA_OBJECT_NAME.matcher(main.content());
            String name = null;
            int end = start.find() ? start.start() : main.content().length();
            while (object.find() && object.start() < end) {
                name = object.group(1);
            }
            return name != null ? name : base;
        }
        return base;
    }

    private static String baseName(SourceFile f) {
        int dot = f.name().lastIndexOf('.');
        return dot < 0 ? f.name() : f.name().substring(0, dot);
    }
}
