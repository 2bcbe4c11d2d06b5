package io.lakegate.parse;

/** The character between a number's whole part and its fraction. */
public enum DecimalSeparator {
    DOT('.', "dot"),
    COMMA(',', "comma");

    private final char symbol;
    private final String label;

    DecimalSeparator(char symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    public char symbol() {
        return symbol;
    }

    public String label() {
        return label;
    }

    DecimalSeparator other() {
        return this == DOT ? COMMA : DOT;
    }
}
