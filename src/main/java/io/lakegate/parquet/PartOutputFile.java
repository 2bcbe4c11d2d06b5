package io.lakegate.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A local part file whose stream the part writer can close by itself: Parquet's own close would write a
 * footer, which is wrong for a part abandoned half-way through a row.
 */
final class PartOutputFile implements OutputFile {

    private final Path path;
    private final LocalOutputFile local;
    private PositionOutputStream stream;

    PartOutputFile(Path path) {
        this.path = path;
        this.local = new LocalOutputFile(path);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        stream = local.create(blockSizeHint);
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        stream = local.createOrOverwrite(blockSizeHint);
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return local.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return local.defaultBlockSize();
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    /** Closes the stream without a footer and removes the file. */
    void discard() throws IOException {
        if (stream != null) {
            stream.close();
        }
        Files.deleteIfExists(path);
    }
}
