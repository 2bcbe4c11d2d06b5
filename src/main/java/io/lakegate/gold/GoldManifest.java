package io.lakegate.gold;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeStorage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The list of files that make up one gold partition right now, in the symlink-manifest format Athena,
 * Presto and Hive read ({@code SymlinkTextInputFormat}: one {@code s3://} URI per line). Replacing this one
 * object is how a compaction switches readers from the old files to the new ones in a single step.
 */
public record GoldManifest(String generation, List<String> keys) {

    public static GoldManifest of(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A gold partition has at least one file");
        }
        String generation = LakeLayout.goldGeneration(keys.get(0)).orElseThrow(() -> new IllegalArgumentException(
                keys.get(0) + " is not inside a gold generation"));
        for (String key : keys) {
            if (!LakeLayout.goldGeneration(key).orElse("").equals(generation)) {
                throw new IllegalArgumentException("Manifest mixes generations: " + key + " is not in " + generation);
            }
        }
        return new GoldManifest(generation, List.copyOf(keys));
    }

    /** The manifest readers follow now for a date, if the date has been compacted. */
    public static Optional<GoldManifest> current(LakeStorage storage, String dataset, LocalDate date) {
        String key = LakeLayout.goldManifestKey(dataset, date);
        return storage.head(key).map(o -> parse(storage.readStart(key, Math.max(1, o.size())), storage.bucket()));
    }

    public static GoldManifest parse(byte[] content, String bucket) {
        String prefix = LakeLayout.s3Uri(bucket, "");
        List<String> keys = new String(content, StandardCharsets.UTF_8).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> {
                    if (!line.startsWith(prefix)) {
                        throw new IllegalArgumentException("Manifest line " + line + " is not in bucket " + bucket);
                    }
                    return line.substring(prefix.length());
                })
                .toList();
        return of(keys);
    }

    public byte[] render(String bucket) {
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            text.append(LakeLayout.s3Uri(bucket, key)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
