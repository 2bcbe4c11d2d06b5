package io.lakegate.gold;

import io.lakegate.parquet.ParquetPartReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The partition days rows of processed parts fall on: the gold days a compaction of them rewrites. */
final class EventDays {

    private EventDays() {}

    static Set<Integer> of(List<Path> parts, String eventTimeColumn) throws IOException {
        Set<Integer> days = new TreeSet<>();
        for (Path part : parts) {
            try (ParquetPartReader reader = ParquetPartReader.open(part, List.of(eventTimeColumn))) {
                while (reader.next()) {
                    if (!reader.isNull(0)) {
                        days.add(GoldDays.ofMicros(reader.getLong(0)));
                    }
                }
            }
        }
        return days;
    }
}
