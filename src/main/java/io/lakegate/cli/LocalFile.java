package io.lakegate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the start of a local file the way the service reads the start of an S3 object: no more than asked. */
final class LocalFile {

    private LocalFile() {
    }

    static byte[] readStart(Path file, long length) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
