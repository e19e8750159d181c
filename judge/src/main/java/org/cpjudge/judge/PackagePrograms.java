package org.cpjudge.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cpjudge.judge.problem.Program;
import org.cpjudge.judge.problem.ReferenceSubmission;

/**
 * Turns a program shipped in a package (one file, or a folder of files) into a submission: its files and the
 * language most of its sources are in.
 */
public final class PackagePrograms {

    private static final int MAX_FILE_BYTES = 4 << 20;

    private PackagePrograms() {
    }

    public static Optional<Submission> load(Program program, Languages languages) throws IOException {
        return load(program.path(), languages);
    }

    public static Optional<Submission> load(ReferenceSubmission submission, Languages languages) throws IOException {
        return load(submission.path(), languages);
    }

    /** Empty when no installed language takes its files. */
    public static Optional<Submission> load(Path path, Languages languages) throws IOException {
        var files = new ArrayList<SourceFile>();
        List<Path> paths;
        if (Files.isDirectory(path)) {
            try (var list = Files.list(path)) {
                paths = list.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            }
        } else {
            paths = List.of(path);
        }
        for (Path p : paths) {
            if (Files.size(p) <= MAX_FILE_BYTES) {
                files.add(new SourceFile(p.getFileName().toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
            }
        }
        Map<Language, Long> votes = files.stream().map(f -> languages.forFileName(f.name()))
                .flatMap(Optional::stream).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return votes.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> new Submission(e.getKey().id(), files));
    }
}
