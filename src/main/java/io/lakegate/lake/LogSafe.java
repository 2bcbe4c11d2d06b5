package io.lakegate.lake;

/**
 * Object keys as they may appear in a log line. A key is chosen by whoever uploads the file, and a key with a
 * line feed would otherwise start a forged line of its own in a plain-text log; so every character that is not
 * plainly visible (controls, line and paragraph separators, invisible formatting such as bidi overrides) is
 * written as an escape, and the backslash is doubled so that a key cannot spell a fake escape either.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** {@code key} with {@code \n}, {@code \r}, {@code \t}, {@code \\} and {@code \}{@code uXXXX} escapes. */
    public static String key(String key) {
        if (key == null) {
            return "null";
        }
        int first = 0;
        while (first < key.length() && escape(key.charAt(first)) == null) {
            first++;
        }
        if (first == key.length()) {
            return key;
        }
        StringBuilder escaped = new StringBuilder(key.length() + 16).append(key, 0, first);
        for (int i = first; i < key.length(); i++) {
            char c = key.charAt(i);
            String escape = escape(c);
            if (escape == null) {
                escaped.append(c);
            } else {
                escaped.append(escape);
            }
        }
        return escaped.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                int type = Character.getType(c);
                return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT
                        ? String.format("\\u%04x", (int) c)
                        : null;
        }
    }
}
