package org.cpjudge.judge.problem;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of a program shipped in a package. Kattis: a program is one file or one folder, and a single file
 * is treated as a folder holding only it. A folder's files may sit in subfolders ({@code checker/validate.cpp}
 * beside {@code checker/validate.h}); they are named relative to the folder, with {@code /} between folders.
 *
 * <p>A folder holding nothing but one folder (and perhaps a README) is that folder:
 * {@code output_validator/checker/} is the program when it is all {@code output_validator/} holds. Names beginning with a dot are left out (the format says
 * to behave as if they were not there: {@code .gitignore}, editor files).
 */
public final class ProgramFiles {

    /** At most this many files make a program; a folder with more is a mistake, not a program. */
    public static final int MAX_FILES = 1000;
    private static final int MAX_DEPTH = 8;

    /** One file: {@code name} relative to the program folder, {@code path} where it is. */
    public record Entry(String name, Path path) {

        /** C and C++ headers are shipped with the sources but are neither compiled nor counted as sources. */
        public boolean isHeader() {
            String n = name.toLowerCase(Locale.ROOT);
            return n.endsWith(".h") || n.endsWith(".hpp") || n.endsWith(".hh") || n.endsWith(".hxx")
                    || n.endsWith(".h++");
        }
    }

    private ProgramFiles() {
    }

    /** Every regular file of the program, sorted by name. */
    public static List<Entry> of(Path program) throws IOException {
        if (!Files.isDirectory(program)) {
            return Files.isRegularFile(program) ? List.of(new Entry(program.getFileName().toString(), program))
                    : List.of();
        }
        Path top = program;
        for (List<Path> children = visible(top); children.size() == 1 && Files.isDirectory(children.get(0));
                children = visible(top)) {
            top = children.get(0);
        }
        return under(top);
    }

    /** A README or notes beside programs: for people, neither a program nor part of one's layout. */
    public static boolean isDocument(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.startsWith("readme") || name.endsWith(".md") || name.endsWith(".txt")
                || name.endsWith(".pdf"));
    }

    /** Every regular file under {@code root}, named relative to it, sorted by name. */
    public static List<Entry> under(Path root) throws IOException {
        var out = new ArrayList<Entry>();
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                Path rel = root.relativize(p);
                if (rel.toString().isEmpty() || hidden(rel) || !Files.isRegularFile(p)) {
                    continue;
                }
                if (out.size() == MAX_FILES) {
                    throw new IOException(root + " holds more than " + MAX_FILES + " files");
                }
                out.add(new Entry(rel.toString(), p));
            }
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    private static List<Path> visible(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".") && !isDocument(p)).toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
