package io.lakegate.gold;

import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartWriter;
import io.lakegate.parquet.ParquetSettings;
import io.lakegate.parquet.RowView;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes gold rows, grouped by partition day, into {@code <prefix>00000.parquet}, {@code <prefix>00001.parquet}, ...,
 * starting the next file when the day changes or the current file's estimated size reaches the target. Each file's
 * key bloom filter is sized for the keys it will hold, so a small day gets a small filter: one sized for a full row
 * group would fall out of the CPU caches and make each insert a cache miss. All or nothing: closed before
 * {@link #finish()}, it deletes every file it wrote.
 */
final class GoldFiles implements Closeable {

    /** The size estimate walks every column writer, so it is checked now and then rather than per row. */
    private static final int ROWS_BETWEEN_SIZE_CHECKS = 1024;

    private final Path directory;
    private final String namePrefix;
    private final List<ParquetColumn> columns;
    private final ParquetSettings settings;
    private final Map<String, String> metadata;
    private final long targetBytes;
    private final String keyColumn;
    private final long keysPerRowGroup;
    private final List<Path> files = new ArrayList<>();
    private final List<GoldFile> written = new ArrayList<>();
    private ParquetPartWriter writer;
    private int writerDay;
    private long writtenOfDay;
    private boolean finished;

    /**
     * @param keyColumn       the column that gets a bloom filter
     * @param keysPerRowGroup about how many rows a full row group holds: the most keys a filter is sized for
     */
    GoldFiles(Path directory, String namePrefix, List<ParquetColumn> columns, ParquetSettings settings, Map<String, String> metadata,
            long targetBytes, String keyColumn, long keysPerRowGroup) {
        this.directory = directory;
        this.namePrefix = namePrefix;
        this.columns = columns;
        this.settings = settings;
        this.metadata = metadata;
        this.targetBytes = targetBytes;
        this.keyColumn = keyColumn;
        this.keysPerRowGroup = keysPerRowGroup;
    }

    /**
     * @param day     the row's partition day; rows must arrive grouped by day
     * @param dayRows how many rows the day has in all
     */
    void write(RowView row, int day, long dayRows) throws IOException {
        if (writer != null && day != writerDay) {
            closeCurrent();
        }
        if (writer == null) {
            if (day != writerDay) {
                writtenOfDay = 0;
            }
            Path file = directory.resolve(String.format("%s%05d.parquet", namePrefix, files.size()));
            // Listed before opening: a writer that fails after creating its file leaves it for close() to delete.
            files.add(file);
            long keys = Math.max(1, Math.min(keysPerRowGroup, dayRows - writtenOfDay));
            writer = ParquetPartWriter.open(file, columns, settings.withBloomFilter(keyColumn, keys), metadata);
            writerDay = day;
        }
        writer.write(row);
        writtenOfDay++;
        if (writer.rowCount() % ROWS_BETWEEN_SIZE_CHECKS == 0 && writer.estimatedBytes() >= targetBytes) {
            closeCurrent();
        }
    }

    /** Closes the last file; returns all of them, in row order. */
    List<GoldFile> finish() throws IOException {
        if (writer != null) {
            closeCurrent();
        }
        finished = true;
        return List.copyOf(written);
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        IOException failure = null;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                // the file is deleted below either way
            }
            writer = null;
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                failure = e;
            }
        }
        files.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private void closeCurrent() throws IOException {
        ParquetPartWriter current = writer;
        writer = null;
        current.close();
        written.add(new GoldFile(files.get(files.size() - 1), GoldDays.toDate(writerDay), current.rowCount()));
    }
}
