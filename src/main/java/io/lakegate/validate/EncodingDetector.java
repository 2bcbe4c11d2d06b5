package io.lakegate.validate;

import io.lakegate.validate.DecodedSample.EncodingSource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides how the start of a file is encoded: a byte-order mark wins; then UTF-16 told by its NUL bytes; then
 * strict UTF-8; then the contract's {@code source.encoding} when it names one; otherwise language statistics
 * choose among the code pages the bytes read in. When the statistics are unsure, or a rival reading of other
 * characters comes close, the file is refused {@code ambiguous_encoding} rather than read in the likeliest.
 * Bytes that no text encoding explains are binary content.
 */
public final class EncodingDetector {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF32LE_BOM = {(byte) 0xFF, (byte) 0xFE, 0, 0};
    private static final byte[] UTF32BE_BOM = {0, 0, (byte) 0xFE, (byte) 0xFF};
    // Share of control characters (other than tab, CR, LF, FF) above which text is taken as binary.
    private static final double CONTROL_CHAR_LIMIT = 0.05;
    // UTF-16 of any script holds NUL high bytes for its digits, separators and line ends, all on one side.
    private static final double UTF16_MIN_NUL_SHARE = 0.1;
    // Measured on generated samples in 20 code pages (docs/decisions/encoding-detection.md): below SURE the
    // statistics have named the wrong code page (Czech city names as windows-1254 at 24); a rival reading other
    // characters with RIVAL_SHARE of the top's confidence has been the truth (Big5 and GB18030 tied at 40).
    static final int SURE = 25;
    private static final double RIVAL_SHARE = 2.0 / 3;
    // ICU's multi-byte recognizers give 10 to any few bytes that are valid in them ("£512" as Shift_JIS).
    private static final int NOTHING_SEEN = 10;
    private static final int MAX_LATIN_HIGH_BYTE_RUN = 3;
    private static final int MAX_CANDIDATES_SHOWN = 3;
    private static final List<Charset> COMMON_PAGES = Stream.of("windows-1251", "windows-1250", "windows-1253",
            "windows-1254").map(Charset::forName).toList();
    private static final int MAX_LINE_SHOWN = 120;
    // The text every encoding a contract may pin for an ASCII sample must read as ASCII does.
    private static final byte[] ASCII_PRINTABLE = asciiPrintable();

    private final List<Charset> fallbacks;
    private final EncodingStatistics statistics = new EncodingStatistics();

    /** @param fallbacks the encodings a file is expected in when its contract names none */
    public EncodingDetector(List<Charset> fallbacks) {
        this.fallbacks = List.copyOf(fallbacks);
    }

    /**
     * @param declared the contract's {@code source.encoding}: one pins the encoding of a file that is not UTF-8,
     *                 several are the only candidates; empty leaves it to the statistics, the fallbacks preferred
     */
    public DecodedSample decode(byte[] sample, boolean wholeFile, List<Charset> declared) throws Rejection {
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
        DecodedSample decoded = withNulBytes(sample, wholeFile);
        if (decoded == null) {
            decoded = tryDecode(sample, 0, StandardCharsets.UTF_8, wholeFile, EncodingSource.UTF8, 100);
        }
        if (decoded != null && decoded.source() == EncodingSource.UTF8 && declared.size() == 1 && isAscii(sample)
                && isAsciiCompatible(declared.get(0))) {
            // ASCII proves nothing: the bytes after the sample are read in the encoding the contract pins.
            decoded = new DecodedSample(decoded.text(), declared.get(0), 0, wholeFile, EncodingSource.PINNED, null);
        }
        if (decoded == null) {
            decoded = declared.size() == 1 ? pinned(sample, wholeFile, declared.get(0)) : detected(sample, wholeFile, declared);
        }
        rejectControlCharacters(decoded.text());
        return decoded;
    }

    private DecodedSample pinned(byte[] sample, boolean wholeFile, Charset pin) throws Rejection {
        String text = EncodingStatistics.strictRead(sample, pin, wholeFile).orElseThrow(() -> new Rejection(
                RejectCode.INVALID_ENCODING, "The file is not valid UTF-8 (" + describeFirstInvalidUtf8(sample) + ") and not"
                        + " valid " + pin.name() + ", the encoding its contract's source.encoding names; re-save it as"
                        + " UTF-8 or " + pin.name() + "."));
        return new DecodedSample(text, pin, 0, wholeFile, EncodingSource.PINNED, null);
    }

    private DecodedSample detected(byte[] sample, boolean wholeFile, List<Charset> declared) throws Rejection {
        boolean byContract = !declared.isEmpty();
        List<Charset> expected = byContract ? declared : fallbacks;
        List<EncodingStatistics.Candidate> ranked = new ArrayList<>(statistics.rank(sample, wholeFile));
        for (Charset charset : expected) {
            if (ranked.stream().noneMatch(c -> c.charset().equals(charset))) {
                EncodingStatistics.strictRead(sample, charset, wholeFile)
                        .ifPresent(text -> ranked.add(new EncodingStatistics.Candidate(charset, 0, text)));
            }
        }
        List<EncodingStatistics.Candidate> allowed = ranked.stream()
                .filter(c -> !byContract || declared.contains(c.charset())).toList();
        if (allowed.isEmpty()) {
            throw new Rejection(RejectCode.INVALID_ENCODING, "The file is not valid UTF-8 (" + describeFirstInvalidUtf8(sample)
                    + ") and not valid in any " + (byContract ? "encoding its contract's source.encoding lists " + names(declared)
                            : "fallback encoding " + names(fallbacks) + ", nor in any code page Lakegate knows")
                    + "; re-save it as UTF-8.");
        }
        EncodingStatistics.Candidate top = allowed.get(0);
        // When the statistics are unsure, the fallbacks keep the benefit of the doubt they had before them where
        // the statistics lean their way or saw nothing, so a Latin-1 producer's "Café" or "£512" is still read as
        // windows-1252; only while the text is shaped like accented Latin, since ICU says as little of "Тверь".
        boolean sawNothing = ranked.get(0).confidence() <= NOTHING_SEEN;
        boolean sure = top.confidence() >= SURE || byContract;
        Optional<EncodingStatistics.Candidate> chosen = sure ? Optional.of(top)
                : allowed.stream().filter(c -> expected.contains(c.charset())).findFirst()
                        .filter(c -> (expected.contains(top.charset()) || sawNothing) && looksLikeAccentedLatin(sample));
        List<EncodingStatistics.Candidate> rivals = rivalsOf(chosen.orElse(top), ranked, expected);
        if (chosen.isPresent() && rivals.isEmpty()) {
            // A page that reads the sample as an expected one does is named as that one, as before statistics.
            EncodingStatistics.Candidate decided = chosen.get();
            Charset charset = allowed.stream().filter(c -> expected.contains(c.charset()) && c.text().equals(decided.text()))
                    .map(EncodingStatistics.Candidate::charset).findFirst().orElse(decided.charset());
            return new DecodedSample(decided.text(), charset, 0, wholeFile, sure ? EncodingSource.DETECTED
                    : EncodingSource.FALLBACK, decided.confidence());
        }
        List<EncodingStatistics.Candidate> shown = new ArrayList<>(List.of(chosen.orElse(top), top));
        shown.addAll(rivals);
        ranked.stream().filter(c -> expected.contains(c.charset())).forEach(shown::add);
        shown.addAll(ranked);
        // With too little text the statistics name nothing; a line read in the usual other pages still shows it.
        COMMON_PAGES.forEach(charset -> EncodingStatistics.strictRead(sample, charset, wholeFile)
                .ifPresent(text -> shown.add(new EncodingStatistics.Candidate(charset, 0, text))));
        Map<String, EncodingStatistics.Candidate> byReading = new LinkedHashMap<>();
        shown.forEach(c -> byReading.putIfAbsent(c.text(), c));
        throw ambiguous(byReading.values().stream().limit(MAX_CANDIDATES_SHOWN).toList(), byContract);
    }

    /**
     * The candidates that read the sample otherwise than {@code chosen} with two thirds of its confidence or more:
     * an expected encoding whatever its confidence, another only above ICU's floor for "nothing seen". A reading
     * the contract does not list counts too: the file may be in none of those it lists.
     */
    private static List<EncodingStatistics.Candidate> rivalsOf(EncodingStatistics.Candidate chosen,
            List<EncodingStatistics.Candidate> ranked, List<Charset> expected) {
        return ranked.stream()
                .filter(c -> !c.text().equals(chosen.text()) && c.confidence() >= chosen.confidence() * RIVAL_SHARE
                        && (expected.contains(c.charset()) || c.confidence() > NOTHING_SEEN))
                .toList();
    }

    private static Rejection ambiguous(List<EncodingStatistics.Candidate> candidates, boolean byContract) {
        String readings = candidates.stream()
                .map(c -> c.charset().name() + (c.confidence() == 0 ? " (too little text for the statistics)"
                        : " (confidence " + c.confidence() + " of 100)"))
                .collect(Collectors.joining(" or as "));
        int line = firstLineReadDifferently(candidates);
        String lines = candidates.size() < 2 ? "" : " Line " + (line + 1) + " reads " + candidates.stream()
                .map(c -> "as " + c.charset().name() + ": \"" + lineOf(c.text(), line) + "\"")
                .collect(Collectors.joining("; ")) + ".";
        String fix = byContract ? "narrow the contract's source.encoding to the right one" : "set source.encoding in the"
                + " dataset's contract to the right one";
        return new Rejection(RejectCode.AMBIGUOUS_ENCODING, "The file is not UTF-8 and its encoding is uncertain: it reads"
                + " as " + readings + "." + lines + " Rather than guess, Lakegate refuses it: " + fix + ", or re-save the"
                + " file as UTF-8.");
    }

    private static int firstLineReadDifferently(List<EncodingStatistics.Candidate> candidates) {
        List<String[]> lines = candidates.stream().map(c -> c.text().split("\r?\n|\r", -1)).toList();
        int shortest = lines.stream().mapToInt(l -> l.length).min().orElse(0);
        for (int i = 0; i < shortest; i++) {
            int at = i;
            if (lines.stream().map(l -> l[at]).distinct().count() > 1) {
                return i;
            }
        }
        return 0;
    }

    private static String lineOf(String text, int index) {
        String[] lines = text.split("\r?\n|\r", -1);
        String line = index < lines.length ? lines[index] : "";
        return line.length() <= MAX_LINE_SHOWN ? line : line.substring(0, MAX_LINE_SHOWN) + "…";
    }

    /**
     * Accented Latin letters sit among ASCII ones (Café, Müller, Ørsted); three bytes above 0x7F in a row are a
     * word of another script, or UTF-8 that was not valid.
     */
    private static boolean looksLikeAccentedLatin(byte[] sample) {
        int run = 0;
        for (byte b : sample) {
            run = b < 0 ? run + 1 : 0;
            if (run >= MAX_LATIN_HIGH_BYTE_RUN) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] sample) {
        for (byte b : sample) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiCompatible(Charset charset) {
        return EncodingStatistics.strictRead(ASCII_PRINTABLE, charset, true)
                .map(new String(ASCII_PRINTABLE, StandardCharsets.US_ASCII)::equals).orElse(false);
    }

    private static byte[] asciiPrintable() {
        byte[] bytes = new byte[0x7F - 0x20 + 2];
        for (int i = 0; i < bytes.length - 2; i++) {
            bytes[i] = (byte) (0x20 + i);
        }
        bytes[bytes.length - 2] = '\r';
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    private DecodedSample strictDecode(byte[] sample, int bomLength, Charset charset, boolean wholeFile) throws Rejection {
        DecodedSample decoded = tryDecode(sample, bomLength, charset, wholeFile, EncodingSource.BOM, 100);
        if (decoded == null) {
            throw new Rejection(RejectCode.INVALID_ENCODING, "The file starts with a " + charset.name()
                    + " byte-order mark but its content is not valid " + charset.name() + ".");
        }
        rejectControlCharacters(decoded.text());
        return decoded;
    }

    private static DecodedSample tryDecode(byte[] sample, int offset, Charset charset, boolean wholeFile,
            EncodingSource source, Integer confidence) {
        int end = wholeFile ? sample.length : completeLength(sample, offset, charset);
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sample, offset, end - offset));
            return new DecodedSample(chars.toString(), charset, offset, wholeFile, source, confidence);
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

    /**
     * A text file holds NUL bytes only as UTF-16: on odd offsets only (little-endian) or even ones only
     * (big-endian). Null when there are none; any other NUL bytes are binary content.
     */
    private static DecodedSample withNulBytes(byte[] sample, boolean wholeFile) throws Rejection {
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
            return null;
        }
        int half = sample.length / 2;
        int nul = Math.max(nulEven, nulOdd);
        if (half > 0 && Math.min(nulEven, nulOdd) == 0 && nul >= half * UTF16_MIN_NUL_SHARE) {
            Charset utf16 = nulOdd > 0 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            int confidence = (int) Math.min(100, Math.round(200.0 * nul / half));
            DecodedSample decoded = tryDecode(sample, 0, utf16, wholeFile, EncodingSource.DETECTED, confidence);
            if (decoded == null) {
                throw new Rejection(RejectCode.INVALID_ENCODING, "The file looks like " + utf16.name() + " without a"
                        + " byte-order mark, but is not valid " + utf16.name() + "; re-save it as UTF-8.");
            }
            return decoded;
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

    private static String names(List<Charset> charsets) {
        return charsets.stream().map(Charset::name).toList().toString();
    }
}
