package org.cpjudge.api.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.judge.problem.Problem;

/**
 * A problem's statement files as the package brought them ({@code problem_statement/} or {@code statement/}):
 * LaTeX, Markdown, HTML, PDF and their images. Only regular files inside the statement folder are served, never
 * through a symbolic link.
 */
public final class Statements {

    /** A statement file: its path inside the statement folder, and its size. */
    public record StatementFile(String name, long size) {
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("tex", "text/x-tex; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"), Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"), Map.entry("css", "text/css"));

    private final ProblemCache cache;

    public Statements(ProblemCache cache) {
        this.cache = cache;
    }

    /** The statement's files, by name; empty when the package has no statement. */
    public Optional<List<StatementFile>> list(StoredProblem problem) throws Exception {
        Optional<Path> dir = dir(problem);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        List<StatementFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir.get())) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(new StatementFile(dir.get().relativize(p).toString(), Files.size(p)));
                }
            }
        }
        return Optional.of(files);
    }

    /** One statement file's bytes; empty when there is no such regular file inside the statement folder. */
    public Optional<byte[]> read(StoredProblem problem, String name) throws Exception {
        Optional<Path> dir = dir(problem);
        if (dir.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(name).normalize();
        if (!file.startsWith(dir.get()) || !insideWithoutLinks(dir.get(), file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(file));
    }

    public static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase();
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private Optional<Path> dir(StoredProblem stored) throws Exception {
        Problem problem = cache.get(stored);
        return problem.statementDir().filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS));
    }

    /** Every step from the folder down to the file is a real directory or, last, a regular file: no links. */
    private static boolean insideWithoutLinks(Path dir, Path file) throws IOException {
        Path step = dir;
        for (Path part : dir.relativize(file)) {
            step = step.resolve(part);
            if (Files.isSymbolicLink(step)) {
                return false;
            }
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }
}
