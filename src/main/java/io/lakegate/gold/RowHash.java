package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.RowView;
import io.lakegate.parquet.Utf8RowView;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@code row_hash} of a gold row, version 1: a fingerprint of its business values that anyone can
 * recompute from the gold file alone (the recipe in DuckDB and Python is in {@code docs/gold.md}).
 * <p>
 * <b>Specification.</b> {@code row_hash} is the lowercase hexadecimal SHA-256 of the bytes made by
 * concatenating, for each business column (every column except the lineage columns {@code ingest_run_id},
 * {@code ingest_ts}, {@code source_file}, {@code source_line} and {@code row_hash} itself) in the order of the
 * file's schema, the netstring-like entry
 * <pre>
 *   &lt;L&gt; ":" &lt;field&gt;     where field = name "=" value   when the value is present
 *                              field = name               when the value is null
 * </pre>
 * with {@code L} the length of {@code field} in UTF-8 bytes, written in decimal ASCII digits. All text is
 * UTF-8. The length prefix makes the encoding unambiguous whatever the values hold, and the missing "="
 * tells a null from an empty string. Values are rendered as:
 * <ul>
 * <li>VARCHAR (string): the text exactly as stored, not trimmed or normalised;</li>
 * <li>BIGINT / INTEGER: decimal, with "-" when negative, no "+" and no leading zeros;</li>
 * <li>DECIMAL(p, s): plain notation with exactly {@code s} digits after ".", no "." when s = 0, at least one
 *     digit before the "." and "-" when negative: {@code 12.50}, {@code 0.05}, {@code -1234.50};</li>
 * <li>TIMESTAMP WITH TIME ZONE: the UTC instant as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, always six fraction
 *     digits: {@code 2024-05-01T10:15:30.000000Z};</li>
 * <li>DATE: {@code yyyy-MM-dd};</li>
 * <li>BOOLEAN: {@code true} or {@code false}.</li>
 * </ul>
 * Years outside 0000-9999 take ISO-8601's expanded form ({@code +10000}, {@code -0001}).
 * <p>
 * Example: the columns {@code transaction_id = 'T1'}, {@code amount = 12.50} (DECIMAL(18,2)) and
 * {@code customer_id = NULL} give the entries {@code 17:transaction_id=T1}, {@code 12:amount=12.50} and
 * {@code 11:customer_id}, hashed as the one string {@code 17:transaction_id=T112:amount=12.5011:customer_id}.
 * <p>
 * Not thread-safe: one instance per compaction.
 */
final class RowHash {

    /** Stored in gold file footers, so a future change of the recipe can be told apart. */
    static final String VERSION = "sha256-v1";

    /** Room for a field's length: two digits and the ":". */
    private static final int LENGTH_ROOM = 3;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** "00" to "99": digits are written two at a time, dividing by constants the JIT turns into multiplications. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final int[] columns;
    private final ColumnType[] types;
    private final int[] scales;
    /** Per column, the whole entry of a null: its length, ":" and the name. */
    private final byte[][] nullEntries;
    /** Per column, a present value's entry up to the value: room for the length, ":", the name and "=". */
    private final byte[][] presentEntryStarts;
    private final MessageDigest sha256;
    // Up to 19 digits of a long, and with a scale of 18 a leading zero: 20 at most.
    private final byte[] digits = new byte[20];
    private final ByteSink preimage = new ByteSink();
    private final ByteSink length = new ByteSink();
    // The last date rendered: the rows of a compaction group share a few days.
    private long renderedDay = Long.MIN_VALUE;
    private final byte[] renderedDate = new byte[10];
    private final byte[] digest = new byte[32];
    private final byte[] hex = new byte[64];

    /** @param hashedColumns indexes of the business columns, in schema order */
    RowHash(List<ParquetColumn> schema, int[] hashedColumns) {
        columns = hashedColumns.clone();
        types = new ColumnType[columns.length];
        scales = new int[columns.length];
        nullEntries = new byte[columns.length][];
        presentEntryStarts = new byte[columns.length][];
        for (int i = 0; i < columns.length; i++) {
            ParquetColumn column = schema.get(columns[i]);
            types[i] = column.type();
            scales[i] = column.scale();
            byte[] name = column.name().getBytes(StandardCharsets.UTF_8);
            nullEntries[i] = (name.length + ":" + column.name()).getBytes(StandardCharsets.UTF_8);
            presentEntryStarts[i] = ("00:" + column.name() + "=").getBytes(StandardCharsets.UTF_8);
        }
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }

    /**
     * The row's {@code row_hash} as its 64 lowercase hexadecimal digits in ASCII, in an array this instance reuses:
     * valid until the next call.
     */
    byte[] hexOf(RowView row) {
        preimage.reset();
        for (int i = 0; i < columns.length; i++) {
            if (row.isNull(columns[i])) {
                preimage.writeBytes(nullEntries[i]);
                continue;
            }
            // The entry is written in place after room for a two-digit length and its ":", which a field of another
            // length then widens or narrows: most fields (a name, "=" and a value) take 10 to 99 bytes.
            int entry = preimage.size();
            preimage.writeBytes(presentEntryStarts[i]);
            render(i, row);
            writeLength(entry, preimage.size() - entry - LENGTH_ROOM);
        }
        sha256.update(preimage.array(), 0, preimage.size());
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 gave no 32-byte digest", e);
        }
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xF];
        }
        return hex;
    }

    /** Whether {@code stored}, a {@code row_hash} as a gold file holds it, is the one {@link #hexOf} returned. */
    static boolean same(String stored, byte[] hex) {
        if (stored.length() != hex.length) {
            return false;
        }
        for (int i = 0; i < hex.length; i++) {
            if (stored.charAt(i) != hex[i]) {
                return false;
            }
        }
        return true;
    }

    private void render(int i, RowView row) {
        int column = columns[i];
        switch (types[i]) {
            case STRING -> {
                if (row instanceof Utf8RowView utf8) {
                    preimage.writeBytes(utf8.utf8Array(column), utf8.utf8Offset(column), utf8.utf8Length(column));
                } else {
                    preimage.writeBytes(row.getString(column).getBytes(StandardCharsets.UTF_8));
                }
            }
            case LONG, INT -> writeDecimal(preimage, row.getLong(column));
            case DECIMAL -> writeUnscaled(preimage, row.getLong(column), scales[i]);
            case TIMESTAMP -> writeTimestamp(row.getLong(column));
            case DATE -> writeDate(row.getLong(column));
            case BOOLEAN -> writeAscii(preimage, row.getLong(column) != 0 ? "true" : "false");
        }
    }

    // Dates and times by hand: a formatter or LocalDate.toString costs more than the hash of the whole row.
    private void writeTimestamp(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        writeDate(Math.floorDiv(seconds, 86_400L));
        preimage.writeByte('T');
        writeTwoDigits(preimage, secondOfDay / 3600);
        preimage.writeByte(':');
        writeTwoDigits(preimage, secondOfDay / 60 % 60);
        preimage.writeByte(':');
        writeTwoDigits(preimage, secondOfDay % 60);
        preimage.writeByte('.');
        writeTwoDigits(preimage, fraction / 10_000);
        writeTwoDigits(preimage, fraction / 100 % 100);
        writeTwoDigits(preimage, fraction % 100);
        preimage.writeByte('Z');
    }

    private void writeDate(long epochDay) {
        if (epochDay == renderedDay) {
            preimage.writeBytes(renderedDate);
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            writeAscii(preimage, date.toString());
            return;
        }
        int start = preimage.size();
        writeTwoDigits(preimage, date.getYear() / 100);
        writeTwoDigits(preimage, date.getYear() % 100);
        preimage.writeByte('-');
        writeTwoDigits(preimage, date.getMonthValue());
        preimage.writeByte('-');
        writeTwoDigits(preimage, date.getDayOfMonth());
        System.arraycopy(preimage.array(), start, renderedDate, 0, renderedDate.length);
        renderedDay = epochDay;
    }

    /** Puts the length of the field written after {@code entry}'s room for it there, widening or narrowing the room. */
    private void writeLength(int entry, int fieldLength) {
        byte[] bytes = preimage.array();
        if (fieldLength >= 10 && fieldLength < 100) {
            bytes[entry] = DIGIT_PAIRS[2 * fieldLength];
            bytes[entry + 1] = DIGIT_PAIRS[2 * fieldLength + 1];
            return;
        }
        length.reset();
        writeDecimal(length, fieldLength);
        preimage.moveTail(entry + 2, length.size() - 2);
        System.arraycopy(length.array(), 0, preimage.array(), entry, length.size());
    }

    /** A whole number in decimal, "-" when negative. */
    private void writeDecimal(ByteSink sink, long value) {
        if (value >= 0 && value < 10) {
            sink.writeByte((int) ('0' + value));
            return;
        }
        writeUnscaled(sink, value, 0);
    }

    /**
     * A DECIMAL's unscaled value in plain notation with exactly {@code scale} digits after the point (none for 0).
     * The digits are made from the end, two at a time, into a scratch array, then copied with the point put in.
     */
    private void writeUnscaled(ByteSink sink, long unscaled, int scale) {
        if (unscaled == Long.MIN_VALUE || scale > 18) {
            writeAscii(sink, BigDecimal.valueOf(unscaled, scale).toPlainString());
            return;
        }
        if (unscaled < 0) {
            sink.writeByte('-');
            unscaled = -unscaled;
        }
        int at = digits.length;
        while (unscaled >= 100) {
            int pair = (int) (unscaled % 100);
            unscaled /= 100;
            at -= 2;
            digits[at] = DIGIT_PAIRS[2 * pair];
            digits[at + 1] = DIGIT_PAIRS[2 * pair + 1];
        }
        if (unscaled >= 10) {
            at -= 2;
            digits[at] = DIGIT_PAIRS[2 * (int) unscaled];
            digits[at + 1] = DIGIT_PAIRS[2 * (int) unscaled + 1];
        } else {
            digits[--at] = (byte) ('0' + unscaled);
        }
        // At least one digit before the point: 0.05, not .05.
        while (digits.length - at <= scale) {
            digits[--at] = '0';
        }
        int whole = digits.length - at - scale;
        sink.writeBytes(digits, at, whole);
        if (scale > 0) {
            sink.writeByte('.');
            sink.writeBytes(digits, at + whole, scale);
        }
    }

    /** {@code value} from 0 to 99, zero-padded to two digits. */
    private static void writeTwoDigits(ByteSink sink, int value) {
        sink.writeBytes(DIGIT_PAIRS, 2 * value, 2);
    }

    private static void writeAscii(ByteSink sink, String text) {
        for (int i = 0; i < text.length(); i++) {
            sink.writeByte(text.charAt(i));
        }
    }
}
