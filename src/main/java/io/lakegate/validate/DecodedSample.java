package io.lakegate.validate;

import java.nio.charset.Charset;

/** The start of a file as text, with the encoding it was read in and how many BOM bytes preceded it. */
public record DecodedSample(String text, Charset charset, int bomLength, boolean wholeFile) {

    public String encodingName() {
        return charset.name().toLowerCase(java.util.Locale.ROOT) + (bomLength > 0 ? "-bom" : "");
    }
}
