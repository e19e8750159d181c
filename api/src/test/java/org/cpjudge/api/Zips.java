package org.cpjudge.api;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips a problem package folder from the test resources, as a host would upload it. */
public final class Zips {

    private Zips() {
    }

    /** The folder's files under one top folder named like it (the usual way packages are zipped). */
    public static byte[] of(Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); var walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(dir.getFileName() + "/" + dir.relativize(f)));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static Path resource(String path) throws Exception {
        return Path.of(Zips.class.getClassLoader().getResource(path).toURI());
    }
}
