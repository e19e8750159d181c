package org.cpjudge.judge.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpjudge.judge.Language;
import org.cpjudge.judge.Languages;
import org.cpjudge.judge.PackagePrograms;
import org.cpjudge.judge.SourceFile;

/**
 * A package's {@code include/} folders: files added to every submission before it is compiled, overwriting the
 * submission's own files of the same name (a driver, a header, a library the problem provides).
 *
 * <p>Every version of the format has {@code include/<language>/}, named by Kattis language code
 * ({@link KattisLanguages}). The 2023-07 version (and 2025-09, which it became) adds {@code include/default/},
 * for every language that has no folder of its own; a legacy package's {@code include/default/} is a folder for
 * a language named "default", of which there is none, so it is not used.
 */
public final class IncludedFiles {

    public static final String DEFAULT = "default";

    private IncludedFiles() {
    }

    /**
     * {@code files} with the problem's included files for {@code language} added, replacing any of the same
     * name. Every submission gets them, a contestant's as well as the package's own.
     */
    public static List<SourceFile> addTo(Problem problem, Language language, Languages installed,
            List<SourceFile> files) throws IOException {
        List<ProgramFiles.Entry> included = forLanguage(problem, language, installed);
        if (included.isEmpty()) {
            return files;
        }
        Map<String, SourceFile> byName = new LinkedHashMap<>();
        files.forEach(f -> byName.put(f.name(), f));
        for (ProgramFiles.Entry e : included) {
            // included code is the package's: its {{constants}} are written in (a contestant's files are not touched)
            PackagePrograms.read(e).ifPresent(f -> byName.put(f.name(),
                    new SourceFile(f.name(), problem.constants().apply(f.content()))));
        }
        return new ArrayList<>(byName.values());
    }

    /** The files to add to a submission in {@code language}, by their names in the submission's folder. */
    public static List<ProgramFiles.Entry> forLanguage(Problem problem, Language language, Languages installed)
            throws IOException {
        if (problem.root() == null) {
            return List.of();
        }
        Optional<Path> dir = folderFor(problem.root().resolve("include"), problem.format() != Problem.Format.LEGACY,
                language, installed);
        if (dir.isEmpty()) {
            return List.of();
        }
        List<ProgramFiles.Entry> files = ProgramFiles.under(dir.get());
        Path real = problem.root().toRealPath();
        for (ProgramFiles.Entry e : files) {
            if (!e.path().toRealPath().startsWith(real)) {
                throw new IOException("include file " + e.name() + " leads outside the package");
            }
        }
        return files;
    }

    /** {@code include/<code>/} for the language's code, else (2023-07 on) {@code include/default/}. */
    static Optional<Path> folderFor(Path include, boolean hasDefault, Language language, Languages installed)
            throws IOException {
        if (!Files.isDirectory(include)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(include)) {
            Optional<Path> own = list.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().equals(DEFAULT))
                    .filter(d -> KattisLanguages.names(d.getFileName().toString(), language, installed))
                    .sorted().findFirst();
            if (own.isPresent()) {
                return own;
            }
        }
        Path fallback = include.resolve(DEFAULT);
        return hasDefault && Files.isDirectory(fallback) ? Optional.of(fallback) : Optional.empty();
    }
}
