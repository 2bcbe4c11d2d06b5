package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeStorageTest {

    @TempDir
    static Path folder;

    static EmbeddedLake lake;

    @BeforeAll
    static void start() {
        lake = new EmbeddedLake(folder.resolve("lake-data"));
    }

    @AfterAll
    static void stop() throws Exception {
        lake.close();
    }

    @Test
    void putIfAbsentCreatesOnlyOnce() {
        LakeStorage storage = lake.storage();
        assertThat(storage.putIfAbsent("t/once.json", bytes("first"), "application/json")).isTrue();
        assertThat(storage.putIfAbsent("t/once.json", bytes("second"), "application/json")).isFalse();
        assertThat(new String(storage.readStart("t/once.json", 100), StandardCharsets.UTF_8)).isEqualTo("first");
    }

    @Test
    void replaceIfUnchangedRefusesAStaleVersion() {
        LakeStorage storage = lake.storage();
        storage.put("t/versioned.json", bytes("v1"), "application/json");
        LakeObject v1 = storage.head("t/versioned.json").orElseThrow();
        assertThat(storage.replaceIfUnchanged(v1, bytes("v2"), "application/json")).isTrue();
        assertThat(storage.replaceIfUnchanged(v1, bytes("v3"), "application/json")).isFalse();
        assertThat(new String(storage.readStart("t/versioned.json", 100), StandardCharsets.UTF_8)).isEqualTo("v2");
    }

    @Test
    void replaceIfUnchangedRefusesWhenTheObjectIsGone() {
        LakeStorage storage = lake.storage();
        storage.put("t/gone.json", bytes("v1"), "application/json");
        LakeObject v1 = storage.head("t/gone.json").orElseThrow();
        storage.delete("t/gone.json");
        assertThat(storage.replaceIfUnchanged(v1, bytes("v2"), "application/json")).isFalse();
        assertThat(storage.head("t/gone.json")).isEmpty();
    }

    @Test
    void downloadStreamsAnObjectToAFile() throws Exception {
        LakeStorage storage = lake.storage();
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        storage.put("t/blob.bin", content, "application/octet-stream");
        Path target = folder.resolve("blob.bin");
        storage.download("t/blob.bin", target);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
