package io.lakegate.validate;

import io.lakegate.contract.DataContract;
import io.lakegate.contract.HeaderMatch;
import io.lakegate.parse.CsvReader;
import io.lakegate.parse.DetectedDialect;
import io.lakegate.parse.DialectDetector;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

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
     * The start of a file claimed by {@code claiming} through its header, read again in the encodings that contract
     * names when {@code text} was decoded without the contract's word (detected by statistics, or the windows-1252
     * fallback); otherwise {@code text} itself.
     */
    public DecodedSample inClaimingContractsEncoding(DecodedSample text, DataContract claiming, boolean gzip, long size,
            StartOfFile start) throws Rejection {
        List<Charset> declared = claiming.source().encodings();
        return declared.isEmpty() || !text.source().guessed() ? text : readText(gzip, size, start, declared);
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

    /**
     * The start of a file no contract's keys claim, when its encoding is uncertain without a contract: read in
     * the encodings named by each contract that claims files by their header ({@code source.matchHeader}), the
     * first whose header that contract claims. Empty when none does.
     */
    public Optional<DecodedSample> readTextForHeaderClaim(boolean gzip, long size, StartOfFile start,
            List<DataContract> contracts) {
        for (DataContract contract : contracts) {
            List<Charset> declared = contract.source().encodings();
            if (!contract.source().matchHeader() || declared.isEmpty()) {
                continue;
            }
            try {
                DecodedSample text = readText(gzip, size, start, declared);
                if (HeaderMatch.claiming(List.of(contract), firstRow(text, detectDialect(text))).isPresent()) {
                    return Optional.of(text);
                }
            } catch (Rejection notInThisContractsEncoding) {
                // The next contract may name the encoding the file is in.
            }
        }
        return Optional.empty();
    }

    /** The fields of the sample's first row: the header of a file that has one. */
    public static List<String> firstRow(DecodedSample text, DetectedDialect dialect) {
        try (CsvReader reader = new CsvReader(new StringReader(text.text()), dialect.dialect())) {
            return reader.next() ? List.of(reader.fields()) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("Reading an in-memory sample failed", e);
        }
    }

    public DetectedDialect detectDialect(DecodedSample text) throws Rejection {
        return dialects.detect(text.text(), text.wholeFile()).orElseThrow(() -> new Rejection(
                RejectCode.UNDETECTABLE_DELIMITER, "No delimiter (comma, semicolon, tab, pipe, caret, colon, space) "
                        + "splits the first lines into a consistent set of columns; this does not look like delimited text."));
    }
}
