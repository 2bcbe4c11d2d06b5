package io.lakegate.validate;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decides how the start of a file is encoded: a byte-order mark wins; otherwise strict UTF-8; otherwise
 * the configured fallbacks in order. Bytes that no text encoding explains are binary content.
 */
public final class EncodingDetector {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF32LE_BOM = {(byte) 0xFF, (byte) 0xFE, 0, 0};
    private static final byte[] UTF32BE_BOM = {0, 0, (byte) 0xFE, (byte) 0xFF};
    // Share of control characters (other than tab, CR, LF, FF) above which text is taken as binary.
    private static final double CONTROL_CHAR_LIMIT = 0.05;

    private final List<Charset> fallbacks;

    public EncodingDetector(List<Charset> fallbacks) {
        this.fallbacks = List.copyOf(fallbacks);
    }

    public DecodedSample decode(byte[] sample, boolean wholeFile) throws Rejection {
        if (BinarySignatures.startsWith(sample, UTF32LE_BOM) || BinarySignatures.startsWith(sample, UTF32BE_BOM)) {
            throw new Rejection(RejectCode.INVALID_ENCODING,
                    "The file is UTF-32 (byte-order mark found); re-save it as UTF-8 or UTF-16.");
        }
        if (BinarySignatures.startsWith(sample, UTF8_BOM)) {
            return strictDecode(sample, UTF8_BOM.length, StandardCharsets.UTF_8, wholeFile);
        }
        if (BinarySignatures.startsWith(sample, UTF16LE_BOM)) {
            return strictDecode(sample, 2, StandardCharsets.UTF_16LE, wholeFile);
        }
        if (BinarySignatures.startsWith(sample, UTF16BE_BOM)) {
            return strictDecode(sample, 2, StandardCharsets.UTF_16BE, wholeFile);
        }
        rejectNulBytes(sample);
        DecodedSample decoded = tryDecode(sample, 0, StandardCharsets.UTF_8, wholeFile);
        for (int i = 0; decoded == null && i < fallbacks.size(); i++) {
            decoded = tryDecode(sample, 0, fallbacks.get(i), wholeFile);
        }
        if (decoded == null) {
            throw new Rejection(RejectCode.INVALID_ENCODING, "The file is not valid UTF-8 (" + describeFirstInvalidUtf8(sample)
                    + ") and not valid in any fallback encoding " + fallbackNames() + "; re-save it as UTF-8.");
        }
        rejectControlCharacters(decoded.text());
        return decoded;
    }

    private DecodedSample strictDecode(byte[] sample, int bomLength, Charset charset, boolean wholeFile) throws Rejection {
        DecodedSample decoded = tryDecode(sample, bomLength, charset, wholeFile);
        if (decoded == null) {
            throw new Rejection(RejectCode.INVALID_ENCODING, "The file starts with a " + charset.name()
                    + " byte-order mark but its content is not valid " + charset.name() + ".");
        }
        rejectControlCharacters(decoded.text());
        return decoded;
    }

    private static DecodedSample tryDecode(byte[] sample, int offset, Charset charset, boolean wholeFile) {
        int end = wholeFile ? sample.length : completeLength(sample, offset, charset);
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sample, offset, end - offset));
            return new DecodedSample(chars.toString(), charset, offset, wholeFile);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // A sample cut from a longer file may end inside a multi-byte character; drop that partial tail.
    private static int completeLength(byte[] sample, int offset, Charset charset) {
        int end = sample.length;
        if (charset == StandardCharsets.UTF_16LE || charset == StandardCharsets.UTF_16BE) {
            end -= (end - offset) % 2;
            int highByte = charset == StandardCharsets.UTF_16LE ? end - 1 : end - 2;
            if (end - offset >= 2 && (sample[highByte] & 0xFC) == 0xD8) {
                end -= 2;
            }
            return end;
        }
        if (charset != StandardCharsets.UTF_8) {
            return end;
        }
        for (int back = 1; back <= 3 && end - back >= offset; back++) {
            int b = sample[end - back] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? end - back : end;
            }
        }
        return end;
    }

    private static void rejectNulBytes(byte[] sample) throws Rejection {
        int nulEven = 0;
        int nulOdd = 0;
        for (int i = 0; i < sample.length; i++) {
            if (sample[i] == 0) {
                if (i % 2 == 0) {
                    nulEven++;
                } else {
                    nulOdd++;
                }
            }
        }
        if (nulEven + nulOdd == 0) {
            return;
        }
        int half = sample.length / 2;
        if (half > 0 && (nulEven > half * 0.8 && nulOdd == 0 || nulOdd > half * 0.8 && nulEven == 0)) {
            throw new Rejection(RejectCode.INVALID_ENCODING,
                    "The file looks like UTF-16 without a byte-order mark; re-save it as UTF-8, or as UTF-16 with a BOM.");
        }
        throw new Rejection(RejectCode.BINARY_CONTENT,
                "The file contains NUL bytes, so it is binary data, not delimited text.");
    }

    private static void rejectControlCharacters(String text) throws Rejection {
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                control++;
            }
        }
        if (!text.isEmpty() && control > text.length() * CONTROL_CHAR_LIMIT) {
            throw new Rejection(RejectCode.BINARY_CONTENT, "The file is " + Math.round(100.0 * control / text.length())
                    + "% control characters, so it is binary data, not delimited text.");
        }
    }

    private static String describeFirstInvalidUtf8(byte[] sample) {
        ByteBuffer in = ByteBuffer.wrap(sample);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(sample.length + 1), true);
        if (!result.isError()) {
            return "it ends inside a multi-byte character";
        }
        int offset = in.position();
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (sample[i] == '\n') {
                line++;
            }
        }
        return String.format("byte 0x%02X at offset %d, line %d", sample[offset] & 0xFF, offset, line);
    }

    private String fallbackNames() {
        return fallbacks.stream().map(Charset::name).toList().toString();
    }
}
