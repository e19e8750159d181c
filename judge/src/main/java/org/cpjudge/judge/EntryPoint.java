package org.cpjudge.judge;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the main file of a multi-file submission is found, the way Kattis does it: for Java the class that
 * declares {@code main}, for Kotlin the file with a top-level {@code fun main}, for scripts a file named
 * {@code main} (or {@code __main__.py}) or the only file; compiled languages that link every file need none.
 */
public enum EntryPoint {
    ALL_FILES(null),
    JAVA_MAIN_CLASS(Pattern.compile("\\bstatic\\s+(?:final\\s+)?void\\s+main\\s*\\(")),
    KOTLIN_MAIN(Pattern.compile("^\\s*fun\\s+main\\s*\\(", Pattern.MULTILINE)),
    RUST_MAIN(Pattern.compile("\\bfn\\s+main\\s*\\(")),
    SCRIPT(Pattern.compile("__name__\\s*==\\s*['\"]__main__['\"]"));

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

    /** The JVM class to start: {@code Foo} for Foo.java, {@code FooKt} for foo.kt. */
    public String mainClass(SourceFile main) {
        String base = baseName(main);
        if (this == KOTLIN_MAIN && !base.isEmpty()) {
            return Character.toUpperCase(base.charAt(0)) + base.substring(1) + "Kt";
        }
        return base;
    }

    private static String baseName(SourceFile f) {
        int dot = f.name().lastIndexOf('.');
        return dot < 0 ? f.name() : f.name().substring(0, dot);
    }
}
