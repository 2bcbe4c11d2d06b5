package io.lakegate.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8ScratchTest {

    @Test
    void encodesAsJavasUtf8Encoder() {
        Utf8Scratch scratch = new Utf8Scratch();
        for (String value : List.of("", "T-123", "Sté-1", "SKU-\uD83D\uDE00", "lone \uD83D surrogate", "x".repeat(500), "Ω", "\u0000")) {
            int length = scratch.encode(value);
            assertThat(Arrays.copyOf(scratch.bytes(), length)).as(value).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void asciiValuesReuseOneArray() {
        Utf8Scratch scratch = new Utf8Scratch();
        scratch.encode("S001");
        byte[] first = scratch.bytes();
        scratch.encode("Sté-2");
        scratch.encode("S003");
        assertThat(scratch.bytes()).isSameAs(first);
        assertThat(new String(first, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("S003");
    }
}
