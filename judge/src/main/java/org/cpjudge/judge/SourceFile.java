package org.cpjudge.judge;

/** One file of a submission, by its plain name (no directories). */
public record SourceFile(String name, String content) {

    public SourceFile {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\")
                || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad source file name: " + name);
        }
        if (content == null) {
            throw new IllegalArgumentException("no content for " + name);
        }
    }
}
