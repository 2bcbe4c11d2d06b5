package io.lakegate.validate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Inflates the start of a gzip file, which may be cut anywhere, into at most a sample's worth of text. */
final class GzipSample {

    record Inflated(byte[] bytes, boolean complete) {
    }

    private GzipSample() {
    }

    static Inflated inflate(byte[] compressedStart, boolean wholeFile, int limit) throws Rejection {
        if (!BinarySignatures.isGzip(compressedStart)) {
            throw new Rejection(RejectCode.INVALID_COMPRESSION, "The file is named .gz but is not gzip-compressed.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressedStart))) {
            int n;
            while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
                out.write(buffer, 0, n);
            }
            boolean complete = wholeFile && out.size() < limit && in.read() < 0;
            return new Inflated(out.toByteArray(), complete);
        } catch (EOFException e) {
            if (wholeFile) {
                throw new Rejection(RejectCode.INVALID_COMPRESSION, "The gzip stream is truncated: the file ends before "
                        + "the compressed data does.");
            }
            // The sample was cut from a longer file; what inflated so far is the sample.
            return new Inflated(out.toByteArray(), false);
        } catch (ZipException e) {
            throw new Rejection(RejectCode.INVALID_COMPRESSION, "The gzip data is corrupt: " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new IllegalStateException("Inflating an in-memory sample failed", e);
        }
    }
}
