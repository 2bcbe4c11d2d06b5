package io.lakegate.process;

import io.lakegate.validate.DecodedSample;
import io.lakegate.validate.EncodingDetector;
import io.lakegate.validate.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a file whose sample was all ASCII, which proves no encoding, as UTF-8 until a byte says otherwise. At the
 * first byte that is not UTF-8 the encoding detector judges the next 64 KiB, as it judged the sample, and the
 * rest of the file is read in the code page it names; when it is not sure, the rest is read as UTF-8 and each row
 * holding such bytes is rejected {@code invalid_encoding}, as before.
 */
final class LateEncodingReader extends Reader {

    /** The encoding the rest of the file was read in, decided at byte {@code offset}. */
    record Decision(long offset, DecodedSample sample) {
    }

    private static final int SAMPLE_BYTES = 64 * 1024;

    private final InputStream in;
    private final EncodingDetector detector;
    private final List<Charset> declared;
    // Bytes read and not yet decoded, between position and limit.
    private final ByteBuffer pending = ByteBuffer.allocate(2 * SAMPLE_BYTES).flip();
    private CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean endOfInput;
    private boolean flushed;
    private boolean judged;
    private long decodedBytes;
    private Decision decision;

    LateEncodingReader(InputStream in, EncodingDetector detector, List<Charset> declared) {
        this.in = in;
        this.detector = detector;
        this.declared = declared;
    }

    /** The code page the rest of the file was read in, once a byte that is not UTF-8 made the detector decide one. */
    Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            int before = pending.position();
            CoderResult result = decoder.decode(pending, out, endOfInput);
            decodedBytes += pending.position() - before;
            if (result.isError()) {
                judge();
            } else if (result.isUnderflow() && endOfInput) {
                decoder.flush(out);
                flushed = true;
                return out.position() == offset ? -1 : out.position() - offset;
            } else if (result.isUnderflow()) {
                fill();
            }
        }
        return out.position() - offset;
    }

    // Called once, at the first byte that is not UTF-8: from here on nothing reports an error again.
    private void judge() throws IOException {
        if (judged) {
            throw new IllegalStateException("a decoder that replaces reported an error");
        }
        judged = true;
        while (!endOfInput && pending.remaining() < SAMPLE_BYTES) {
            fill();
        }
        byte[] next = Arrays.copyOfRange(pending.array(), pending.position(),
                pending.position() + Math.min(SAMPLE_BYTES, pending.remaining()));
        Charset rest = StandardCharsets.UTF_8;
        try {
            DecodedSample sample = detector.decode(next, endOfInput && next.length == pending.remaining(), declared);
            rest = sample.charset();
            decision = rest.equals(StandardCharsets.UTF_8) ? null : new Decision(decodedBytes, sample);
        } catch (Rejection unsure) {
            // Unsure, or not text: read on as UTF-8, and the rows holding these bytes are rejected one by one.
        }
        decoder = rest.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private void fill() throws IOException {
        pending.compact();
        int read = in.read(pending.array(), pending.position(), pending.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            pending.position(pending.position() + read);
        }
        pending.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
