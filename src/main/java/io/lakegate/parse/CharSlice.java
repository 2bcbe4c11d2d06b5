package io.lakegate.parse;

/**
 * A window on a char array, moved from cell to cell, so a cell's text can be read (as a number, a timestamp)
 * without first becoming a String. The window is only valid until it is moved or the array reused: keep
 * {@link #toString()} of it, never the slice itself. Not thread-safe.
 */
public final class CharSlice implements CharSequence {

    private char[] chars = new char[0];
    private int from;
    private int to;

    /** Points the slice at {@code chars[from..to)}. */
    public CharSlice set(char[] array, int start, int end) {
        chars = array;
        from = start;
        to = end;
        return this;
    }

    /** Narrows the slice to drop leading and trailing white space, as {@link String#strip()} would. */
    public CharSlice strip() {
        while (from < to && Character.isWhitespace(chars[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(chars[to - 1])) {
            to--;
        }
        return this;
    }

    /** Whether the slice holds exactly the chars of {@code text}. */
    public boolean contentEquals(String text) {
        int length = to - from;
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The hash {@link String#hashCode()} would give the slice's text. */
    public int contentHash() {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + chars[i];
        }
        return hash;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= to - from) {
            throw new StringIndexOutOfBoundsException(index);
        }
        return chars[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || start > end || end > to - from) {
            throw new StringIndexOutOfBoundsException("begin " + start + ", end " + end + ", length " + (to - from));
        }
        return new String(chars, from + start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, from, to - from);
    }
}
