package io.lakegate.validate;

import java.nio.charset.Charset;
import java.util.Locale;

/**
 * The start of a file as text, with the encoding it was read in, how many BOM bytes preceded it, and how that
 * encoding was decided.
 *
 * @param confidence how sure the decision is, 0 to 100; null when the contract pinned the encoding
 */
public record DecodedSample(String text, Charset charset, int bomLength, boolean wholeFile, EncodingSource source,
        Integer confidence) {

    /** How the encoding of a file was decided; the lower-case names are written to reports and audits. */
    public enum EncodingSource {
        /** A byte-order mark names it. */
        BOM,
        /** The sample is valid UTF-8, which text in another encoding almost never is (pure ASCII included). */
        UTF8,
        /** The contract's {@code source.encoding} names exactly one encoding. */
        PINNED,
        /** Language statistics chose it, among the contract's candidates when it lists several. */
        DETECTED,
        /**
         * The statistics were unsure, and a fallback encoding (lakegate.validation.fallback-encodings) kept the
         * benefit of the doubt: they leaned its way or saw too little text, and the text is shaped like accented Latin.
         */
        FALLBACK;

        /** Decided without proof (no BOM, no valid UTF-8, no pin): a contract that names its encoding settles it. */
        public boolean guessed() {
            return this == DETECTED || this == FALLBACK;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String encodingName() {
        return charset.name().toLowerCase(Locale.ROOT) + (bomLength > 0 ? "-bom" : "");
    }
}
