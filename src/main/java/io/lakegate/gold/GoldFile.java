package io.lakegate.gold;

import java.nio.file.Path;
import java.time.LocalDate;

/** A gold file a compaction wrote locally: the partition day all its rows fall on, and how many rows it holds. */
public record GoldFile(Path path, LocalDate day, long rows) {
}
