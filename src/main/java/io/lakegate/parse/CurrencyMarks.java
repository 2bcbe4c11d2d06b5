package io.lakegate.parse;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises a currency written beside an amount: a symbol ($, €, £, ¥, ₹ and every other character
 * Unicode classes as a currency symbol), an ISO 4217 code (USD, EUR, CHF), or a symbol with a one- or
 * two-letter country prefix (US$, R$, HK$). Codes count in upper case only: in lower case too many are
 * words (all, try, pen, top) that would let text pass for an amount.
 */
final class CurrencyMarks {

    private static final Set<String> ISO_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private CurrencyMarks() {
    }

    /** The length of the currency mark that starts at {@code from}, or 0 when none does. */
    static int lengthAt(CharSequence text, int from, int end) {
        if (isSymbol(text.charAt(from))) {
            return 1;
        }
        int letters = 0;
        while (from + letters < end && isLetter(text.charAt(from + letters))) {
            letters++;
        }
        if (letters == 3 && ISO_CODES.contains(text.subSequence(from, from + 3).toString())) {
            return 3;
        }
        if (letters >= 1 && letters <= 2 && from + letters < end && isSymbol(text.charAt(from + letters))) {
            return letters + 1;
        }
        return 0;
    }

    private static boolean isSymbol(char c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
