package org.cpjudge.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code cacheDir/<hash>/} and reused by every later judging of the same sources.
 */
public final class Compiler {

    public static final int MAX_OUTPUT = 64 * 1024;
    private static final long COMPILE_MEMORY_MIB = 2048;

    private final Box box;
    private final Path cacheDir;

    public Compiler(Box box, Path cacheDir) throws IOException {
        this.box = box;
        this.cacheDir = Files.createDirectories(cacheDir);
    }

    public Compilation compile(Language language, List<SourceFile> files, long timeLimitSeconds)
            throws IOException, InterruptedException {
        Path cached = cacheDir.resolve(key(language, files));
        if (Files.isDirectory(cached)) {
            return new Compilation(true, false, cached, HostFiles.readText(logOf(cached), MAX_OUTPUT), language, files);
        }
        Path work = Files.createDirectories(cacheDir.resolve("tmp-" + UUID.randomUUID()));
        try {
            Path boxDir = Files.createDirectories(work.resolve("box"));
            for (SourceFile f : files) {
                Files.writeString(boxDir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
            }
            Path log = work.resolve("compile.log");
            String output = "";
            if (language.isCompiled()) {
                SandboxResult r = box.run(new Box.Run(language.compileArgv(files), boxDir, null, log, log, language,
                        Box.toolLimits(timeLimitSeconds, COMPILE_MEMORY_MIB)));
                output = HostFiles.readText(log, MAX_OUTPUT);
                if (r.outcome() == Outcome.INTERNAL_ERROR) {
                    return new Compilation(false, true, null, "sandbox failed: " + r.message(), language, files);
                }
                if (!r.exitedCleanly()) {
                    String why = switch (r.outcome()) {
                        case CPU_TIME_EXCEEDED, WALL_TIME_EXCEEDED -> "compile time limit exceeded";
                        case MEMORY_EXCEEDED -> "compiler ran out of memory";
                        case OUTPUT_EXCEEDED -> "compiler output too large";
                        default -> "compiler exited with " + (r.signal() != 0 ? "signal " + r.signal() : r.exitCode());
                    };
                    return new Compilation(false, false, null, cut(output + "\n" + why), language, files);
                }
            }
            // Keep only what the compiler left as regular files: the box may have planted links.
            Path program = work.resolve("program");
            HostFiles.copyTree(boxDir, program);
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
            return new Compilation(true, false, cached, output, language, files);
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, language.id());
            update(sha, language.version());
            update(sha, String.join("\0", language.compileCommand()));
            for (SourceFile f : files.stream().sorted(Comparator.comparing(SourceFile::name)).toList()) {
                update(sha, f.name());
                update(sha, f.content());
            }
            return language.id() + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
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
