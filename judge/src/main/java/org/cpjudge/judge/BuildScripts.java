package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;

/**
 * A package program given as Kattis {@code build} and/or {@code run} scripts instead of sources in a language:
 * {@code build}, when present, runs in the box with the program's files and must leave a {@code run} file; then
 * {@code run} is the program. Both run in the sandbox, never on the host.
 *
 * <p>Unzipped files lose their mode bits, so both are made executable here. A file that starts with
 * {@code #!} or is an ELF binary is executed as it is; anything else is a POSIX shell script without a
 * shebang and is handed to {@code /bin/sh}, as a shell would do with it.
 */
public final class BuildScripts {

    /** What a {@link Submission} of such a program gives as its language: it brings its own build. */
    public static final String LANGUAGE_ID = "build-run";
    public static final String BUILD = "build";
    public static final String RUN = "run";

    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    private BuildScripts() {
    }

    /** Whether these files are a build/run program: a {@code build} or {@code run} file at the top. */
    public static boolean isScripted(List<SourceFile> files) {
        return files.stream().anyMatch(f -> f.name().equals(BUILD) || f.name().equals(RUN));
    }

    /** The argv that starts {@code script} (a file in the box's working folder) from that folder. */
    static List<String> argv(Path script) throws IOException {
        byte[] head = HostFiles.readRegular(script, 4);
        String name = script.getFileName().toString();
        boolean direct = head.length >= 2 && head[0] == '#' && head[1] == '!'
                || head.length == 4 && java.util.Arrays.equals(head, ELF);
        return direct ? List.of("./" + name) : List.of("/bin/sh", name);
    }

    /** Gives {@code file} (a regular file, not a link) rwxr-xr-x; a missing file is left alone. */
    static void makeExecutable(Path file) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        }
    }
}
