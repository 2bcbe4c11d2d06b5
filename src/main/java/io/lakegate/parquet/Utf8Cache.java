package io.lakegate.parquet;

import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * The UTF-8 form of a dictionary column's values, kept so that a value seen before is not encoded again:
 * encoding is about half of a string column's write cost. Bounded, because a column flagged as
 * low-cardinality may turn out not to be; values past the bound are encoded each time.
 */
final class Utf8Cache {

    private static final int MAX_VALUES = 16_384;

    private final Map<String, Binary> encoded = new HashMap<>();

    Binary utf8(String value) {
        Binary known = encoded.get(value);
        if (known != null) {
            return known;
        }
        Binary fresh = Binary.fromString(value);
        if (encoded.size() < MAX_VALUES) {
            encoded.put(value, fresh);
        }
        return fresh;
    }
}
