package io.lakegate.gold;

import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** An Iceberg file (a gold file on S3) as parquet-java reads files: ranged reads of the footer and the columns asked for. */
final class IcebergParquetInput implements InputFile {

    private final org.apache.iceberg.io.InputFile file;

    IcebergParquetInput(org.apache.iceberg.io.InputFile file) {
        this.file = file;
    }

    @Override
    public long getLength() {
        return file.getLength();
    }

    @Override
    public SeekableInputStream newStream() {
        org.apache.iceberg.io.SeekableInputStream stream = file.newStream();
        return new DelegatingSeekableInputStream(stream) {
            @Override
            public long getPos() throws IOException {
                return stream.getPos();
            }

            @Override
            public void seek(long newPos) throws IOException {
                stream.seek(newPos);
            }
        };
    }

    @Override
    public String toString() {
        return file.location();
    }
}
