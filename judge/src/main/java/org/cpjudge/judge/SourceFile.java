package org.cpjudge.judge;

/**
 * One file of a submission or package program, by its name relative to the program's folder.
 *
 * <p>Contestants send plain names (the API allows no folders); a package program may keep files in subfolders
 * ({@code checker/validate.cpp}), so {@code /} separates folders. Nothing else is a separator: a backslash, a
 * space or a {@code #} is a character of the name, which reaches compilers as one argv element. No part may be
 * empty, {@code .} or {@code ..}, so a name never leads out of the folder it is written into.
 */
public record SourceFile(String name, String content) {

    public SourceFile {
        if (!isSafeName(name)) {
            throw new IllegalArgumentException("bad source file name: " + name);
        }
        if (content == null) {
            throw new IllegalArgumentException("no content for " + name);
        }
    }

    /** Whether {@code name} is a relative path whose parts are all real names. */
    public static boolean isSafeName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The name without its folders: {@code validate.cpp} for {@code checker/validate.cpp}. */
    public String baseName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
