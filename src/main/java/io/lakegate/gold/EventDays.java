package io.lakegate.gold;

import io.lakegate.parquet.ParquetPartReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/** The partition days rows of processed parts fall on: the gold days a compaction of them rewrites. */
final class EventDays {

    private EventDays() {}

    /** Reads the parts on the workers. */
    static Set<Integer> of(List<Path> parts, String eventTimeColumn, Executor workers) throws IOException {
        Set<Integer> days = new TreeSet<>();
        EachFile.map(parts, workers, (index, part) -> {
            Set<Integer> daysOfPart = new TreeSet<>();
            int lastDay = Integer.MIN_VALUE;
            try (ParquetPartReader reader = ParquetPartReader.open(part, List.of(eventTimeColumn))) {
                while (reader.next()) {
                    if (!reader.isNull(0)) {
                        int day = GoldDays.ofMicros(reader.getLong(0));
                        if (day != lastDay) {
                            daysOfPart.add(day);
                            lastDay = day;
                        }
                    }
                }
            }
            return daysOfPart;
        }).forEach(days::addAll);
        return days;
    }
}
