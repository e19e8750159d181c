package org.cpjudge.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxResult.Outcome;

/**
 * Compiles programs in the sandbox, once per (sources, language, toolchain): a compiled program is kept under
 * {@code cacheDir/<hash>/} and reused by every later judging of the same sources. Programs given as
 * {@link BuildScripts} are built the same way, by running their {@code build} in the box, and cached alike.
 */
public final class Compiler {

    public static final int MAX_OUTPUT = 64 * 1024;
    private static final long COMPILE_MEMORY_MIB = 2048;
    /** Changes when the way build/run programs are built changes, so that old builds are not reused. */
    private static final String BUILD_RUN_PROTOCOL = "kattis build/run scripts 1";

    private final Box box;
    private final Path cacheDir;

    public Compiler(Box box, Path cacheDir) throws IOException {
        this.box = box;
        this.cacheDir = Files.createDirectories(cacheDir);
    }

    public Compilation compile(Language language, List<SourceFile> files, long timeLimitSeconds)
            throws IOException, InterruptedException {
        return build(new InLanguage(language, files), files, language, timeLimitSeconds);
    }

    /** Builds a program given as {@code build}/{@code run} scripts (see {@link BuildScripts}). */
    public Compilation compileScripts(List<SourceFile> files, long timeLimitSeconds)
            throws IOException, InterruptedException {
        return build(new ByScripts(files), files, null, timeLimitSeconds);
    }

    /** How one kind of program is built: its cache key, its build command, what it must leave, its result. */
    private interface Recipe {
        String key();

        /** The build argv, or null when nothing is run; {@code boxDir} already holds the files. */
        List<String> buildArgv(Path boxDir) throws IOException;

        /** Why the built folder is no program, or null when it is one. */
        String check(Path built) throws IOException;

        Compilation compiled(Path programDir, String output) throws IOException;

        Compilation failed(boolean judgeError, String output);
    }

    /** Sources in a language, compiled by its compiler (or, for a script language, just checked). */
    private record InLanguage(Language language, List<SourceFile> files) implements Recipe {
        public String key() {
            return Compiler.key(language, files);
        }

        public List<String> buildArgv(Path boxDir) {
            return language.isCompiled() ? language.compileArgv(files) : null;
        }

        public String check(Path built) {
            return null;
        }

        public Compilation compiled(Path programDir, String output) {
            return new Compilation(true, false, programDir, output, language, files);
        }

        public Compilation failed(boolean judgeError, String output) {
            return new Compilation(false, judgeError, null, output, language, files);
        }
    }

    /** A Kattis build/run program: {@code build} runs if present, and a {@code run} file must be there after. */
    private record ByScripts(List<SourceFile> files) implements Recipe {
        public String key() {
            return "build-run-" + hash(BUILD_RUN_PROTOCOL, files);
        }

        public List<String> buildArgv(Path boxDir) throws IOException {
            Path build = boxDir.resolve(BuildScripts.BUILD);
            BuildScripts.makeExecutable(build);
            BuildScripts.makeExecutable(boxDir.resolve(BuildScripts.RUN));
            return Files.isRegularFile(build, LinkOption.NOFOLLOW_LINKS) ? BuildScripts.argv(build) : null;
        }

        public String check(Path built) throws IOException {
            Path run = built.resolve(BuildScripts.RUN);
            if (!Files.isRegularFile(run, LinkOption.NOFOLLOW_LINKS)) {
                return "no 'run' file after build (it must be a regular file, not a link)";
            }
            BuildScripts.makeExecutable(run);
            return null;
        }

        public Compilation compiled(Path programDir, String output) throws IOException {
            return new Compilation(true, false, programDir, output, null, files,
                    BuildScripts.argv(programDir.resolve(BuildScripts.RUN)));
        }

        public Compilation failed(boolean judgeError, String output) {
            return new Compilation(false, judgeError, null, output, null, files, List.of());
        }
    }

    private Compilation build(Recipe recipe, List<SourceFile> files, Language language, long timeLimitSeconds)
            throws IOException, InterruptedException {
        Path cached = cacheDir.resolve(recipe.key());
        if (Files.isDirectory(cached)) {
            return recipe.compiled(cached, HostFiles.readText(logOf(cached), MAX_OUTPUT));
        }
        Path work = Files.createDirectories(cacheDir.resolve("tmp-" + UUID.randomUUID()));
        try {
            Path boxDir = Files.createDirectories(work.resolve("box"));
            for (SourceFile f : files) {
                Path target = boxDir.resolve(f.name());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content(), StandardCharsets.UTF_8);
            }
            Path log = work.resolve("compile.log");
            String output = "";
            List<String> argv = recipe.buildArgv(boxDir);
            if (argv != null) {
                SandboxResult r = box.run(new Box.Run(argv, boxDir, null, log, log, language,
                        Box.toolLimits(timeLimitSeconds, COMPILE_MEMORY_MIB)));
                output = HostFiles.readText(log, MAX_OUTPUT);
                if (!r.exitedCleanly()) {
                    String why = switch (r.outcome()) {
                        case CPU_TIME_EXCEEDED, WALL_TIME_EXCEEDED -> "compile time limit exceeded";
                        case MEMORY_EXCEEDED -> "compiler ran out of memory";
                        case OUTPUT_EXCEEDED -> "compiler output too large";
                        default -> "compiler exited with " + (r.signal() != 0 ? "signal " + r.signal() : r.exitCode());
                    };
                    return recipe.failed(false, cut(output + "\n" + why));
                }
            }
            // Keep only what the compiler left as regular files: the box may have planted links.
            Path program = work.resolve("program");
            HostFiles.copyTree(boxDir, program);
            String wrong = recipe.check(program);
            if (wrong != null) {
                return recipe.failed(false, cut(output + "\n" + wrong));
            }
            Files.writeString(work.resolve("program.log"), output);
            // rename(2) replaces an existing log atomically; REPLACE_EXISTING would delete it first, racing with
            // another judging that compiled the same sources and deletes it too
            Files.move(work.resolve("program.log"), logOf(cached), StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(program, cached, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileSystemException e) {
                // rename(2) onto a non-empty directory fails with ENOTEMPTY, which Java reports as a plain
                // FileSystemException: another judging compiled the same sources at the same time, and theirs
                // is as good. Anything else is a real failure.
                if (!Files.isDirectory(cached)) {
                    throw e;
                }
            }
            return recipe.compiled(cached, output);
        } finally {
            HostFiles.deleteTree(work);
        }
    }

    private Path logOf(Path cached) {
        return cacheDir.resolve(cached.getFileName() + ".log");
    }

    private static String cut(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= MAX_OUTPUT ? s : new String(b, 0, MAX_OUTPUT, StandardCharsets.UTF_8);
    }

    /** A hash of everything that decides the binary: toolchain, commands and every file. */
    static String key(Language language, List<SourceFile> files) {
        return language.id() + "-" + hash(language.id() + "\0" + language.version() + "\0"
                + String.join("\0", language.compileCommand()), files);
    }

    private static String hash(String recipe, List<SourceFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, recipe);
            for (SourceFile f : files.stream().sorted(Comparator.comparing(SourceFile::name)).toList()) {
                update(sha, f.name());
                update(sha, f.content());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
    }
}
