package io.lakegate.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class Utf8ScratchTest {

    @Test
    void encodesAsJavasUtf8Encoder() {
        Utf8Scratch scratch = new Utf8Scratch();
        for (String value : List.of("", "T-123", "Sté-1", "SKU-\uD83D\uDE00", "lone \uD83D surrogate", "x".repeat(500), "Ω", "\u0000")) {
            Binary encoded = scratch.encode(value);
            assertThat(encoded.getBytes()).as(value).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
            assertThat(encoded.toStringUsingUTF8()).isEqualTo(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void asciiValuesShareOneArrayThatParquetKnowsToCopy() {
        Utf8Scratch scratch = new Utf8Scratch();
        Binary first = scratch.encode("S001");
        assertThat(first.isBackingBytesReused()).isTrue();
        Binary kept = first.copy();
        scratch.encode("S002");
        assertThat(kept.toStringUsingUTF8()).isEqualTo("S001");
    }
}
