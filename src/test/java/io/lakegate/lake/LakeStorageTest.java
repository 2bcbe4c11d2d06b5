package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(storage.putIfAbsent("t/once.json", bytes("first"), "application/json")).isPresent();
        assertThat(storage.putIfAbsent("t/once.json", bytes("second"), "application/json")).isEmpty();
        assertThat(new String(storage.readStart("t/once.json", 100), StandardCharsets.UTF_8)).isEqualTo("first");
    }

    @Test
    void replaceIfUnchangedRefusesAStaleVersion() {
        LakeStorage storage = lake.storage();
        storage.put("t/versioned.json", bytes("v1"), "application/json");
        LakeObject v1 = storage.head("t/versioned.json").orElseThrow();
        LakeObject v2 = storage.replaceIfUnchanged(v1, bytes("v2"), "application/json").orElseThrow();
        assertThat(v2.eTag()).isEqualTo(storage.head("t/versioned.json").orElseThrow().eTag()).isNotEqualTo(v1.eTag());
        assertThat(storage.replaceIfUnchanged(v1, bytes("v3"), "application/json")).isEmpty();
        assertThat(new String(storage.readStart("t/versioned.json", 100), StandardCharsets.UTF_8)).isEqualTo("v2");
    }

    @Test
    void replaceIfUnchangedRefusesWhenTheObjectIsGone() {
        LakeStorage storage = lake.storage();
        storage.put("t/gone.json", bytes("v1"), "application/json");
        LakeObject v1 = storage.head("t/gone.json").orElseThrow();
        storage.delete("t/gone.json");
        assertThat(storage.replaceIfUnchanged(v1, bytes("v2"), "application/json")).isEmpty();
        assertThat(storage.head("t/gone.json")).isEmpty();
    }

    @Test
    void moveLeavesAnObjectReplacedAfterItWasJudgedWhereItIsAndUnpromoted() {
        LakeStorage storage = lake.storage();
        storage.put("raw/judged.csv", bytes("a,b\n1,2\n"), "text/csv");
        LakeObject judged = storage.head("raw/judged.csv").orElseThrow();
        storage.put("raw/judged.csv", bytes("x,y\nnot judged\n"), "text/csv");

        assertThat(storage.move(judged, "validated/judged.csv")).isFalse();

        assertThat(storage.head("validated/judged.csv")).isEmpty();
        assertThat(new String(storage.readStart("raw/judged.csv", 100), StandardCharsets.UTF_8)).startsWith("x,y");
    }

    @Test
    void deleteIfUnchangedKeepsAVersionWrittenSince() {
        LakeStorage storage = lake.storage();
        storage.put("t/lease.json", bytes("mine"), "application/json");
        LakeObject mine = storage.head("t/lease.json").orElseThrow();
        storage.put("t/lease.json", bytes("theirs"), "application/json");

        assertThat(storage.deleteIfUnchanged(mine)).isFalse();
        assertThat(new String(storage.readStart("t/lease.json", 100), StandardCharsets.UTF_8)).isEqualTo("theirs");

        LakeObject theirs = storage.head("t/lease.json").orElseThrow();
        assertThat(storage.deleteIfUnchanged(theirs)).isTrue();
        assertThat(storage.head("t/lease.json")).isEmpty();
    }

    @Test
    void listsKeysWithControlCharactersSpacesAndPercentSignsExactly() {
        LakeStorage storage = lake.storage();
        List<String> keys = List.of("names/a\u0001b.csv", "names/two words+plus.csv", "names/100%_sure.csv",
                "names/Zürich \u5317\u4eac.csv");
        for (String key : keys) {
            storage.put(key, bytes("x"), "text/csv");
        }

        assertThat(storage.list("names/")).extracting(LakeObject::key).containsExactlyInAnyOrderElementsOf(keys);
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
