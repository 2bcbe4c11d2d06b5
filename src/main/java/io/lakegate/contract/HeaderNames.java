package io.lakegate.contract;

import java.util.Locale;

/**
 * Turns a header cell as producers write it ({@code "Transaction ID"}, {@code TransactionId},
 * {@code "unit-price"}) into the snake_case form contracts and aliases are compared in.
 */
public final class HeaderNames {

    private HeaderNames() {
    }

    public static String normalize(String raw) {
        String s = raw.replace("\uFEFF", "").strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1).strip();
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && startsCamelWord(s, i)) {
                out.append('_');
            }
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            } else if (c == ' ' || c == '-' || c == '.' || c == '_' || c == '/' || Character.isWhitespace(c)) {
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return collapseUnderscores(out.toString().toLowerCase(Locale.ROOT));
    }

    // An upper-case letter starts a word after a lower-case letter or digit ("transactionId"), or when it
    // ends an acronym before a lower-case letter ("SKUCode" → sku_code).
    private static boolean startsCamelWord(String s, int i) {
        char prev = s.charAt(i - 1);
        if (Character.isLowerCase(prev) || Character.isDigit(prev)) {
            return true;
        }
        return Character.isUpperCase(prev) && i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
    }

    private static String collapseUnderscores(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' && (out.length() == 0 || out.charAt(out.length() - 1) == '_')) {
                continue;
            }
            out.append(c);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '_') {
            end--;
        }
        return out.substring(0, end);
    }
}
