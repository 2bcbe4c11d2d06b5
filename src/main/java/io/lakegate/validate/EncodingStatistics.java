package io.lakegate.validate;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks the code pages a sample that is not UTF-8 may be written in, by ICU4J's byte and n-gram statistics
 * of each language (see docs/decisions/encoding-detection.md). Only code pages in which every byte of the
 * sample is defined are ranked; confidences are ICU's, 0 to 100.
 */
final class EncodingStatistics {

    /** A code page the sample may be in, how sure the statistics are of it, and the sample read in it. */
    record Candidate(Charset charset, int confidence, String text) {
    }

    // The longest character of the multi-byte pages ranked here (GB18030) takes 4 bytes.
    private static final int MAX_PARTIAL_TAIL = 3;

    // ICU names the ISO page when it sees no byte in 0x80-0x9F. Where the Windows page only adds printable
    // characters there, it reads the same text and whatever follows the sample: it is the one taken.
    private static final Map<String, List<String>> READ_AS = Map.of(
            "ISO-8859-1", List.of("windows-1252"),
            "ISO-8859-9", List.of("windows-1254"),
            // These two place Ά at different bytes, both above 0x9F, where ICU does not look to tell them apart:
            // the page that reads more of the sample as letters is the one it is written in.
            "ISO-8859-7", List.of("windows-1253", "ISO-8859-7"),
            "windows-1253", List.of("windows-1253", "ISO-8859-7"));

    /** The code pages the sample reads in, most likely first; each page once. */
    List<Candidate> rank(byte[] sample, boolean wholeFile) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(valuesWithHighBytes(sample));
        Map<Charset, Candidate> best = new LinkedHashMap<>();
        for (CharsetMatch match : detector.detectAll()) {
            likeliestReading(match.getName(), sample, wholeFile).ifPresent(reading -> {
                Candidate candidate = new Candidate(reading.charset(), match.getConfidence(), reading.text());
                best.merge(candidate.charset(), candidate, (a, b) -> a.confidence() >= b.confidence() ? a : b);
            });
        }
        List<Candidate> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparingInt(Candidate::confidence).reversed());
        return ranked;
    }

    /**
     * The fields of the sample that hold a byte above 0x7F, one a line. ASCII reads the same in every candidate,
     * so it carries no evidence, and English headers, codes and dates would outvote the few values that differ:
     * a Russian name among them reads as Latin-1 with confidence 40. Commas, semicolons, tabs, quotes, spaces
     * and line ends are never the second byte of a multi-byte character, so cutting there keeps them whole.
     */
    static byte[] valuesWithHighBytes(byte[] sample) {
        ByteArrayOutputStream values = new ByteArrayOutputStream(sample.length);
        int start = 0;
        boolean high = false;
        for (int i = 0; i <= sample.length; i++) {
            if (i == sample.length || isFieldEnd(sample[i])) {
                if (high) {
                    values.write(sample, start, i - start);
                    values.write('\n');
                }
                start = i + 1;
                high = false;
            } else if (sample[i] < 0) {
                high = true;
            }
        }
        return values.toByteArray();
    }

    private static boolean isFieldEnd(byte b) {
        return b == ',' || b == ';' || b == '\t' || b == '"' || b == ' ' || b == '\n' || b == '\r';
    }

    /**
     * The sample read in {@code charset}, or empty when a byte of it is not defined there. A sample cut from a
     * longer file may end inside a multi-byte character: that partial tail is left out.
     */
    static Optional<String> strictRead(byte[] sample, Charset charset, boolean wholeFile) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample);
        CharBuffer out = CharBuffer.allocate(sample.length + 1);
        CoderResult result = decoder.decode(in, out, wholeFile);
        if (result.isError() || in.remaining() > MAX_PARTIAL_TAIL || wholeFile && decoder.flush(out).isError()) {
            return Optional.empty();
        }
        return Optional.of(out.flip().toString());
    }

    private record Reading(Charset charset, String text) {
    }

    private static Optional<Reading> likeliestReading(String icuName, byte[] sample, boolean wholeFile) {
        Reading likeliest = null;
        for (String name : READ_AS.getOrDefault(icuName, List.of(icuName))) {
            Optional<Charset> charset = textCharset(name);
            Optional<String> text = charset.flatMap(c -> strictRead(sample, c, wholeFile));
            if (text.isPresent() && (likeliest == null || letters(text.get()) > letters(likeliest.text()))) {
                likeliest = new Reading(charset.get(), text.get());
            }
        }
        return Optional.ofNullable(likeliest);
    }

    // UTF-16 and UTF-32 are told by their byte-order marks and NUL bytes before any statistics run, and ICU's
    // EBCDIC pages (IBM420, IBM424) are not what a CSV producer writes.
    private static Optional<Charset> textCharset(String name) {
        if (name.startsWith("UTF-") || name.startsWith("IBM42")) {
            return Optional.empty();
        }
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }

    private static long letters(String text) {
        return text.chars().filter(Character::isLetter).count();
    }
}
