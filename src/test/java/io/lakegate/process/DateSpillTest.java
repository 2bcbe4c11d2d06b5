package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.record.LogicalType;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.TypedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DateSpillTest {

    private final RecordSchema schema = RecordSchema.of(new ContractRegistry(Path.of("contracts")).byId("fact_sales").orElseThrow());

    @TempDir
    Path work;

    @Test
    void givesBackEveryDatesRowsInTheirOrderWithNullsNegativesAndAnyText() throws Exception {
        List<List<String>> expected = new ArrayList<>();
        List<DateSpill.DateRows> dates = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            expected.add(new ArrayList<>());
            dates.add(new DateSpill.DateRows());
        }
        SplittableRandom random = new SplittableRandom(7);
        // A budget far below the rows' size, so most rows go through the file in many chunks per date.
        try (DateSpill spill = new DateSpill(schema, work.resolve("spill.bin"), 16 * 1024)) {
            TypedRecord row = new TypedRecord(schema.size());
            for (int line = 2; line < 20_000; line++) {
                int date = random.nextInt(dates.size());
                fill(row, line, random);
                spill.add(dates.get(date), row);
                expected.get(date).add(describe(row));
            }
            assertThat(spill.fileBytes()).isPositive();

            TypedRecord replayed = new TypedRecord(schema.size());
            for (int d = 0; d < dates.size(); d++) {
                List<String> actual = new ArrayList<>();
                spill.replay(dates.get(d), replayed, r -> actual.add(describe(r)));
                assertThat(actual).as("date %d", d).isEqualTo(expected.get(d));
                assertThat(dates.get(d).rows()).isEqualTo(expected.get(d).size());
            }
        }
        assertThat(work.resolve("spill.bin")).doesNotExist();
    }

    @Test
    void keepsRowsInMemoryWhileTheyFitTheBudgetAndWritesAChunkOnceABusyDateFillsOne() throws Exception {
        try (DateSpill spill = new DateSpill(schema, work.resolve("spill.bin"), 64L << 20)) {
            DateSpill.DateRows quiet = new DateSpill.DateRows();
            DateSpill.DateRows busy = new DateSpill.DateRows();
            TypedRecord row = new TypedRecord(schema.size());
            SplittableRandom random = new SplittableRandom(3);
            fill(row, 2, random);
            spill.add(quiet, row);
            assertThat(spill.fileBytes()).isZero();
            assertThat(Files.exists(work.resolve("spill.bin"))).isFalse();

            for (int line = 3; spill.fileBytes() == 0; line++) {
                fill(row, line, random);
                spill.add(busy, row);
            }
            assertThat(spill.fileBytes()).as("one chunk of the busy date").isBetween(1L << 20, 2L << 20);
            List<Long> lines = new ArrayList<>();
            spill.replay(quiet, new TypedRecord(schema.size()), r -> lines.add(r.sourceLine()));
            assertThat(lines).containsExactly(2L);
        }
    }

    private void fill(TypedRecord row, long line, SplittableRandom random) {
        row.reset(line, null, 0);
        for (int column = 0; column < schema.size(); column++) {
            if (random.nextInt(8) == 0) {
                row.setNull(column);
            } else if (schema.column(column).type() == LogicalType.STRING) {
                row.setString(column, text(random));
            } else {
                row.setLong(column, random.nextBoolean() ? random.nextLong() : -random.nextInt(1000));
            }
        }
    }

    private static String text(SplittableRandom random) {
        String[] pieces = {"T-", "Zürich", "участок", "東京", "😀", "", "a\"b,c", "\uD800", "x"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private String describe(TypedRecord row) {
        StringBuilder text = new StringBuilder().append(row.sourceLine());
        for (int column = 0; column < schema.size(); column++) {
            text.append('|');
            if (row.isNull(column)) {
                text.append("null");
            } else if (schema.column(column).type() == LogicalType.STRING) {
                // A lone surrogate has no UTF-8 form and is written as '?', as Parquet's own encoding writes it.
                text.append(new String(row.getString(column).getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8));
            } else {
                text.append(row.getLong(column));
            }
        }
        return text.toString();
    }
}
