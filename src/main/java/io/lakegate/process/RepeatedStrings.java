package io.lakegate.process;

import io.lakegate.parse.CharSlice;

/**
 * The Strings of one column with few distinct values (a store, a currency): a cell whose text was seen
 * recently gets the same String back instead of a new one, which spares the allocation and the garbage of
 * millions of copies of a few values. A small direct-mapped cache: a value pushed out by another is simply
 * made again. Not thread-safe.
 */
final class RepeatedStrings {

    private static final int SLOTS = 1024;

    private final String[] strings = new String[SLOTS];

    String of(CharSlice text) {
        int hash = text.contentHash();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String seen = strings[slot];
        if (seen != null && text.contentEquals(seen)) {
            return seen;
        }
        String made = text.toString();
        strings[slot] = made;
        return made;
    }
}
