package io.lakegate.validate;

import io.lakegate.parse.DetectedDialect;
import io.lakegate.parse.DialectDetector;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Reads what a file is from its first bytes: compression, encoding and CSV dialect. Shared by the
 * validator and the {@code sniff} command so both see a file the same way.
 */
public final class FileSniffer {

    /** Reads up to {@code length} bytes from the start of the file being looked at. */
    @FunctionalInterface
    public interface StartOfFile {
        byte[] read(long length);
    }

    private final long sampleSize;
    private final EncodingDetector encodings;
    private final DialectDetector dialects = new DialectDetector();

    public FileSniffer(ValidationSettings settings) {
        this.sampleSize = settings.sampleSize().toBytes();
        this.encodings = new EncodingDetector(settings.fallbackEncodings());
    }

    /**
     * The decoded start of the file, inflated first when it is gzip-compressed.
     *
     * @param declared the encodings the file's contract names in {@code source.encoding}; empty when it names none
     *                 or the contract is not known yet
     */
    public DecodedSample readText(boolean gzip, long size, StartOfFile start, List<Charset> declared) throws Rejection {
        byte[] head = start.read(sampleSize);
        boolean wholeFile = head.length >= size;
        byte[] content = head;
        if (gzip) {
            GzipSample.Inflated inflated = GzipSample.inflate(head, wholeFile, (int) sampleSize);
            content = inflated.bytes();
            wholeFile = inflated.complete();
        }
        if (content.length == 0) {
            throw new Rejection(RejectCode.EMPTY_FILE, gzip ? "The file decompresses to nothing." : "The file is empty (0 bytes).");
        }
        BinarySignatures.rejectKnownBinary(content);
        DecodedSample text = encodings.decode(content, wholeFile, declared);
        if (text.text().isBlank()) {
            throw new Rejection(RejectCode.EMPTY_FILE, "The file holds no data, only white space.");
        }
        return text;
    }

    public DetectedDialect detectDialect(DecodedSample text) throws Rejection {
        return dialects.detect(text.text(), text.wholeFile()).orElseThrow(() -> new Rejection(
                RejectCode.UNDETECTABLE_DELIMITER, "No delimiter (comma, semicolon, tab, pipe, caret, colon, space) "
                        + "splits the first lines into a consistent set of columns; this does not look like delimited text."));
    }
}
