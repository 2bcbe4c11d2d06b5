package io.lakegate.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.Objects;

/**
 * Streams the records of a CSV text one at a time.
 *
 * <p>The text is read through one char buffer that is refilled, so memory stays flat whatever the file size.
 * A record is kept whole and contiguous in that buffer until the next call to {@link #next()}: fields are
 * remembered as offsets and only become Strings when asked for, and the raw text of a record is a slice of
 * the same buffer. Only fields whose value differs from their text (doubled quotes, escapes, text after a
 * closing quote) are copied, into a scratch array reused across records.
 *
 * <p>Lenient where real files are sloppy: a quote inside an unquoted field is kept as text, and text after a
 * closing quote is appended to the field. Zero-length lines are skipped; a line of only delimiters is a
 * record of empty fields. Not thread-safe.
 */
public final class CsvReader implements Closeable {

    /** Guards memory against a runaway quoted field (an unclosed quote swallows the rest of the file). */
    public static final int MAX_RECORD_CHARS = 16 * 1024 * 1024;

    private static final int BUFFER_CHARS = 64 * 1024;
    private static final int NO_CHAR = -1;

    private final Reader in;
    private final char delimiter;
    private final int quote;
    private final int escape;
    /** Characters above this one can neither end an unquoted field nor a record: one comparison skips them. */
    private final char highestUnquotedStop;

    private char[] buf = new char[BUFFER_CHARS];
    private int pos;
    private int limit;
    private boolean inputExhausted;
    // Characters of the text moved out of the buffer's front: buf[0] is character number shifted of the text.
    private long shifted;

    private int recordStart;
    private int recordEnd;
    private long recordLine;
    private long line = 1;
    private boolean lastTerminatorWasCr;
    private boolean endedInsideQuotes;
    private boolean captureRaw;

    private int fieldCount;
    private int[] fieldStarts = new int[16];
    private int[] fieldEnds = new int[16];
    private boolean[] fieldInScratch = new boolean[16];
    private boolean[] fieldQuoted = new boolean[16];
    private char[] scratch = new char[256];
    private int scratchLength;

    public CsvReader(Reader in, CsvDialect dialect) {
        this.in = Objects.requireNonNull(in, "in");
        this.delimiter = dialect.delimiter();
        this.quote = dialect.quote() == CsvDialect.NONE ? NO_CHAR : dialect.quote();
        this.escape = dialect.escape() == CsvDialect.NONE ? NO_CHAR : dialect.escape();
        this.highestUnquotedStop = (char) Math.max(delimiter, '\r');
    }

    /**
     * Lets {@link #rawRecord()} be called, for writers of rejected rows that need a record exactly as it was
     * written. The record is a slice of the read buffer either way, so this costs nothing; the switch makes a
     * caller that relies on raw text say so.
     */
    public CsvReader captureRaw(boolean enabled) {
        this.captureRaw = enabled;
        return this;
    }

    /**
     * Moves to the next record; the previous record's fields and raw text are no longer available after it.
     *
     * @return false once the input holds no further record
     * @throws RecordTooLongException when one record exceeds {@link #MAX_RECORD_CHARS}
     * @throws IOException            when the underlying reader fails
     */
    public boolean next() throws IOException {
        fieldCount = 0;
        scratchLength = 0;
        endedInsideQuotes = false;
        if (!skipEmptyLines()) {
            return false;
        }
        recordStart = pos;
        recordLine = line;
        while (readField()) {
            // each call consumes one field and its delimiter; false once the record has ended
        }
        return true;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** A new String on each call: keep it if you need it twice. */
    public String field(int index) {
        Objects.checkIndex(index, fieldCount);
        int start = fieldStarts[index];
        int length = fieldEnds[index] - start;
        return fieldInScratch[index]
                ? new String(scratch, start, length)
                : new String(buf, recordStart + start, length);
    }

    /** The length of field {@code index}'s value, for a caller about to {@link #copyField copy} it. */
    public int fieldLength(int index) {
        Objects.checkIndex(index, fieldCount);
        return fieldEnds[index] - fieldStarts[index];
    }

    /**
     * Where field {@code index}'s value starts inside {@link #rawRecord()}, or -1 when the value is not a slice of
     * it (a quoted field with doubled quotes or escapes, whose value had to be unescaped). Lets a caller that
     * keeps the raw record take most values from it instead of copying them as well.
     */
    public int fieldOffsetInRecord(int index) {
        Objects.checkIndex(index, fieldCount);
        return fieldInScratch[index] ? -1 : fieldStarts[index];
    }

    /** Copies field {@code index}'s value into {@code to} at {@code at}: the field without a String. */
    public void copyField(int index, char[] to, int at) {
        Objects.checkIndex(index, fieldCount);
        int start = fieldStarts[index];
        int length = fieldEnds[index] - start;
        if (fieldInScratch[index]) {
            System.arraycopy(scratch, start, to, at, length);
        } else {
            System.arraycopy(buf, recordStart + start, to, at, length);
        }
    }

    public String[] fields() {
        String[] copy = new String[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            copy[i] = field(i);
        }
        return copy;
    }

    /**
     * Whether the field was written inside quotes, which tells an empty value ("") from a missing one. False
     * for a field with text after its closing quote: such a field was not quoted the way its writer meant.
     */
    public boolean wasQuoted(int index) {
        Objects.checkIndex(index, fieldCount);
        return fieldQuoted[index];
    }

    /**
     * Characters of the text read through the end of the current record, the header's included (its line break
     * too, but for the LF of a CRLF, which is passed over with the next record): what follows is at most the
     * text's length minus this.
     */
    public long charsConsumed() {
        return shifted + pos;
    }

    /** The 1-based physical line on which the current record starts. */
    public long lineNumber() {
        return recordLine;
    }

    /** True when the input ended inside a quoted field; the current (last) record then holds what was read. */
    public boolean endedInsideQuotes() {
        return endedInsideQuotes;
    }

    /** The length of {@link #rawRecord()}, for a caller about to {@link #copyRawRecord copy} it. */
    public int rawRecordLength() {
        return recordEnd - recordStart;
    }

    /** Copies {@link #rawRecord()} into {@code to} at {@code at} without making a String of it. */
    public void copyRawRecord(char[] to, int at) {
        if (!captureRaw) {
            throw new IllegalStateException("raw records are off: call captureRaw(true) before reading");
        }
        System.arraycopy(buf, recordStart, to, at, recordEnd - recordStart);
    }

    /** The current record's original text, quotes and embedded line breaks included, without its terminator. */
    public String rawRecord() {
        if (!captureRaw) {
            throw new IllegalStateException("raw records are off: call captureRaw(true) before reading");
        }
        return new String(buf, recordStart, recordEnd - recordStart);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean skipEmptyLines() throws IOException {
        recordStart = pos;
        while (true) {
            if (pos == limit && !fill()) {
                return false;
            }
            char c = buf[pos];
            if (c == '\n') {
                if (!lastTerminatorWasCr) {
                    line++;
                }
            } else if (c == '\r') {
                line++;
            } else {
                lastTerminatorWasCr = false;
                return true;
            }
            lastTerminatorWasCr = c == '\r';
            pos++;
            recordStart = pos;
        }
    }

    /** Reads one field; true when a delimiter followed it, false when the record ended. */
    private boolean readField() throws IOException {
        if (pos == limit && !fill()) {
            addField(pos - recordStart, pos - recordStart, false, false);
            recordEnd = pos;
            return false;
        }
        if (buf[pos] == quote) {
            pos++;
            return readQuotedField();
        }
        return readUnquotedField();
    }

    private boolean readUnquotedField() throws IOException {
        int startInRecord = pos - recordStart;
        while (true) {
            char[] b = buf;
            int end = limit;
            int p = pos;
            while (p < end) {
                char c = b[p];
                if (c <= highestUnquotedStop) {
                    if (c == delimiter) {
                        addField(startInRecord, p - recordStart, false, false);
                        pos = p + 1;
                        return true;
                    }
                    if (c == '\n' || c == '\r') {
                        addField(startInRecord, p - recordStart, false, false);
                        endRecordAt(p);
                        return false;
                    }
                }
                p++;
            }
            pos = p;
            if (!fill()) {
                addField(startInRecord, pos - recordStart, false, false);
                recordEnd = pos;
                return false;
            }
        }
    }

    /**
     * Fast path for the usual quoted field, whose value is the text between its quotes. Anything else (a
     * doubled quote, an escape, text after the closing quote) hands over to {@link #readQuotedFieldSlowly}.
     */
    private boolean readQuotedField() throws IOException {
        int contentStart = pos - recordStart;
        while (true) {
            char[] b = buf;
            int end = limit;
            int p = pos;
            while (p < end) {
                char c = b[p];
                if (c == quote) {
                    if (p + 1 == end) {
                        break;
                    }
                    char after = b[p + 1];
                    if (after == delimiter) {
                        addField(contentStart, p - recordStart, false, true);
                        pos = p + 2;
                        return true;
                    }
                    if (after == '\n' || after == '\r') {
                        addField(contentStart, p - recordStart, false, true);
                        endRecordAt(p + 1);
                        return false;
                    }
                    pos = p;
                    return readQuotedFieldSlowly(contentStart);
                }
                if (c == escape) {
                    pos = p;
                    return readQuotedFieldSlowly(contentStart);
                }
                if (c == '\r' || (c == '\n' && b[p - 1] != '\r')) {
                    line++;
                }
                p++;
            }
            pos = p;
            if (!fill()) {
                if (pos < limit) {
                    // a closing quote that is the very last character of the input
                    addField(contentStart, pos - recordStart, false, true);
                    recordEnd = pos + 1;
                    pos++;
                    return false;
                }
                addField(contentStart, pos - recordStart, false, true);
                recordEnd = pos;
                endedInsideQuotes = true;
                return false;
            }
        }
    }

    /** Copies the value char by char into the scratch array, starting at the quote or escape at {@code pos}. */
    private boolean readQuotedFieldSlowly(int contentStart) throws IOException {
        int scratchStart = scratchLength;
        appendToScratch(buf, recordStart + contentStart, pos - recordStart - contentStart);
        boolean insideQuotes = true;
        boolean onlyQuotedText = true;
        while (true) {
            int c = peek();
            if (c == NO_CHAR) {
                endedInsideQuotes = insideQuotes;
                addField(scratchStart, scratchLength, true, onlyQuotedText);
                recordEnd = pos;
                return false;
            }
            if (!insideQuotes && (c == delimiter || c == '\n' || c == '\r')) {
                addField(scratchStart, scratchLength, true, onlyQuotedText);
                if (c == delimiter) {
                    pos++;
                    return true;
                }
                endRecordAt(pos);
                return false;
            }
            countEmbeddedLineBreak(c);
            pos++;
            if (insideQuotes && c == quote) {
                if (peek() == quote) {
                    pos++;
                    appendToScratch((char) c);
                } else {
                    insideQuotes = false;
                }
            } else if (insideQuotes && c == escape && peek() != NO_CHAR) {
                int escaped = buf[pos];
                countEmbeddedLineBreak(escaped);
                pos++;
                appendToScratch((char) escaped);
            } else {
                onlyQuotedText &= insideQuotes;
                appendToScratch((char) c);
            }
        }
    }

    /** Looks at the char at {@code pos}, refilling the buffer when needed; NO_CHAR at the end of input. */
    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return NO_CHAR;
        }
        return buf[pos];
    }

    /** CRLF counts once: a LF right after a CR was already counted with the CR. */
    private void countEmbeddedLineBreak(int c) {
        if (c == '\r' || (c == '\n' && buf[pos - 1] != '\r')) {
            line++;
        }
    }

    private void endRecordAt(int terminator) {
        recordEnd = terminator;
        lastTerminatorWasCr = buf[terminator] == '\r';
        line++;
        pos = terminator + 1;
    }

    private void addField(int start, int end, boolean inScratch, boolean quoted) {
        if (fieldCount == fieldStarts.length) {
            int grown = fieldCount * 2;
            fieldStarts = Arrays.copyOf(fieldStarts, grown);
            fieldEnds = Arrays.copyOf(fieldEnds, grown);
            fieldInScratch = Arrays.copyOf(fieldInScratch, grown);
            fieldQuoted = Arrays.copyOf(fieldQuoted, grown);
        }
        fieldStarts[fieldCount] = start;
        fieldEnds[fieldCount] = end;
        fieldInScratch[fieldCount] = inScratch;
        fieldQuoted[fieldCount] = quoted;
        fieldCount++;
    }

    private void appendToScratch(char c) {
        if (scratchLength == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[scratchLength++] = c;
    }

    private void appendToScratch(char[] source, int from, int length) {
        if (scratchLength + length > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLength + length));
        }
        System.arraycopy(source, from, scratch, scratchLength, length);
        scratchLength += length;
    }

    /**
     * Makes room and reads more input, keeping the current record (from {@code recordStart}) whole: it is moved
     * to the front of the buffer, and the buffer only grows when that record alone fills it.
     *
     * @return false when the input is exhausted and nothing was added
     */
    private boolean fill() throws IOException {
        if (inputExhausted) {
            return false;
        }
        if (recordStart > 0) {
            int kept = limit - recordStart;
            System.arraycopy(buf, recordStart, buf, 0, kept);
            shifted += recordStart;
            pos -= recordStart;
            limit = kept;
            recordStart = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD_CHARS) {
                throw new RecordTooLongException(recordLine);
            }
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_RECORD_CHARS));
        }
        int read;
        do {
            read = in.read(buf, limit, buf.length - limit);
        } while (read == 0);
        if (read < 0) {
            inputExhausted = true;
            return false;
        }
        limit += read;
        return true;
    }

    /** A record longer than {@link #MAX_RECORD_CHARS}: almost always a quote that is never closed. */
    public static final class RecordTooLongException extends IOException {
        private final long lineNumber;

        RecordTooLongException(long lineNumber) {
            super("record starting at line " + lineNumber + " exceeds " + MAX_RECORD_CHARS
                    + " characters (unclosed quote?)");
            this.lineNumber = lineNumber;
        }

        public long lineNumber() {
            return lineNumber;
        }
    }
}
