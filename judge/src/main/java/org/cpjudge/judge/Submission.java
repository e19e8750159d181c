package org.cpjudge.judge;

import java.util.HashSet;
import java.util.List;

/** What a contestant sends: a language and one or more source files. */
public record Submission(String languageId, List<SourceFile> files) {

    public Submission {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a submission needs at least one file");
        }
        var names = new HashSet<String>();
        for (SourceFile f : files) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("two files named " + f.name());
            }
        }
    }

    public static Submission of(String languageId, String fileName, String content) {
        return new Submission(languageId, List.of(new SourceFile(fileName, content)));
    }
}
