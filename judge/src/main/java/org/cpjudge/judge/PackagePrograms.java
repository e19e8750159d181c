package org.cpjudge.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.judge.problem.Program;
import org.cpjudge.judge.problem.ProgramFiles;
import org.cpjudge.judge.problem.ReferenceSubmission;

/**
 * Turns a program shipped in a package (one file, or a folder of files, subfolders included) into a
 * submission: its files and the language most of its sources are in, or {@link BuildScripts#LANGUAGE_ID}
 * when it brings {@code build}/{@code run} scripts. Headers travel with the sources but do not vote.
 * ({@code include/} files join a submission when it is judged: see {@link Judge}.)
 */
public final class PackagePrograms {

    private static final int MAX_FILE_BYTES = 4 << 20;

    private PackagePrograms() {
    }

    /** A validator (or another program of the package that is not a submission). */
    public static Optional<Submission> load(Program program, Languages languages) throws IOException {
        return load(program.path(), languages);
    }

    /** A reference submission, in the language its package names for it (Polygon's source type) when installed. */
    public static Optional<Submission> load(ReferenceSubmission submission, Languages languages) throws IOException {
        Optional<Submission> found = load(submission.path(), languages);
        Optional<Language> named = submission.languageId().flatMap(languages::byId);
        if (found.isPresent() && named.isPresent() && !found.get().languageId().equals(BuildScripts.LANGUAGE_ID)) {
            return Optional.of(new Submission(named.get().id(), found.get().files()));
        }
        return found;
    }

    private static final java.util.regex.Pattern PYTHON2_SHEBANG = java.util.regex.Pattern.compile(
            "\\A#!.*python2(\\.\\d+)?\\b.*");

    private static boolean isPython2(SourceFile f) {
        if (!f.baseName().endsWith(".py")) {
            return false;
        }
        int nl = f.content().indexOf('\n');
        return PYTHON2_SHEBANG.matcher(nl < 0 ? f.content() : f.content().substring(0, nl)).matches();
    }

    /** Empty when no installed language takes its files and it has no build/run scripts. */
    public static Optional<Submission> load(Path path, Languages languages) throws IOException {
        var files = new ArrayList<SourceFile>();
        var sources = new ArrayList<SourceFile>();
        for (ProgramFiles.Entry e : ProgramFiles.of(path)) {
            Optional<SourceFile> file = read(e);
            if (file.isPresent()) {
                files.add(file.get());
                if (!e.isHeader()) {
                    sources.add(file.get());
                }
            }
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        if (BuildScripts.isScripted(files)) {
            return Optional.of(new Submission(BuildScripts.LANGUAGE_ID, files));
        }
        if (sources.stream().anyMatch(PackagePrograms::isPython2)) {
            // Kattis reads a .py whose shebang names python2 as Python 2, which Debian 12 no longer has
            return languages.byId("python2").map(l -> new Submission(l.id(), files));
        }
        // Votes in the order languages are installed, so that a tie goes to the one listed first.
        Map<Language, Integer> votes = new LinkedHashMap<>();
        languages.installed().forEach(l -> votes.put(l, 0));
        for (SourceFile f : sources) {
            languages.forFileName(f.baseName()).ifPresent(l -> votes.merge(l, 1, Integer::sum));
        }
        Language best = null;
        for (var vote : votes.entrySet()) {
            if (vote.getValue() > 0 && (best == null || vote.getValue() > votes.get(best))) {
                best = vote.getKey();
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Submission(best.id(), files));
    }

    /** The file as a source file; empty when it is too large to be one. */
    public static Optional<SourceFile> read(ProgramFiles.Entry e) throws IOException {
        if (Files.size(e.path()) > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new SourceFile(e.name(), new String(Files.readAllBytes(e.path()), StandardCharsets.UTF_8)));
    }
}
