package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderBudgetTest {

    @TempDir
    Path work;

    @Test
    void countsTheFilesNamedAfterTheRunOnly() throws IOException {
        Files.write(work.resolve("20240315T100000Z-abc-rejects.ndjson"), new byte[300]);
        Files.write(work.resolve("20240315T100000Z-abc-2024-03-15-1.parquet"), new byte[200]);
        Files.write(work.resolve("20240315T100000Z-abcd-spill.bin"), new byte[5_000]);
        Files.write(work.resolve("unique-keys-1.bin"), new byte[5_000]);

        assertThat(new WorkFolderBudget(work, "20240315T100000Z-abc", 1_000).used()).isEqualTo(500);
    }

    @Test
    void refusesPastTheBudgetNamingTheLineAndTheLimit() throws IOException {
        WorkFolderBudget budget = new WorkFolderBudget(work, "run", 256 * 1024);
        Files.write(work.resolve("run-rejects.csv"), new byte[256 * 1024]);
        budget.check(10_001, "while the file was read");

        Files.write(work.resolve("run-spill.bin"), new byte[1]);

        assertThatThrownBy(() -> budget.check(10_001, "while the file was read"))
                .isInstanceOfSatisfying(WorkFolderBudget.ExceededException.class, e -> {
                    assertThat(e.line()).isEqualTo(10_001);
                    assertThat(e.usedBytes()).isEqualTo(256 * 1024 + 1);
                    assertThat(e.limitBytes()).isEqualTo(256 * 1024);
                })
                .hasMessageStartingWith("By line 10001 (while the file was read), this file's Parquet parts, rejected rows and"
                        + " date spill held 262,145 bytes in the local work folder, more than"
                        + " lakegate.processing.work-folder-budget (256 KB) allows.");
    }

    @Test
    void writesSizesInTheUnitsSpringReads() {
        assertThat(WorkFolderBudget.size(2L << 30)).isEqualTo("2 GB");
        assertThat(WorkFolderBudget.size(1536L << 20)).isEqualTo("1.5 GB");
        assertThat(WorkFolderBudget.size(256 << 10)).isEqualTo("256 KB");
        assertThat(WorkFolderBudget.size(100)).isEqualTo("100 bytes");
    }
}
