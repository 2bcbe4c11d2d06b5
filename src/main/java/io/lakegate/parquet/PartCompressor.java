package io.lakegate.parquet;

import java.io.Closeable;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;

/**
 * The page compressor of one or more part writers. Its buffers take about a page (1 MB) of heap, so a caller
 * that keeps many parts open shares one among the parts that a single thread writes, rather than one per part.
 * Not thread-safe: parts that share it must be written by one thread at a time.
 */
public final class PartCompressor implements Closeable {

    private static final String ZSTD_LEVEL_KEY = "parquet.compression.codec.zstd.level";

    private final CodecFactory codecs;
    private final BytesInputCompressor compressor;

    public PartCompressor(ParquetSettings settings) {
        // Parquet's plain configuration: building a Hadoop one (XML defaults, deprecation tables) per part costs
        // far more than writing a small part.
        PlainParquetConfiguration configuration = new PlainParquetConfiguration();
        configuration.setInt(ZSTD_LEVEL_KEY, settings.zstdLevel());
        this.codecs = new CodecFactory(configuration, settings.pageBytes());
        this.compressor = codecs.getCompressor(settings.codec().parquetName());
    }

    BytesInputCompressor compressor() {
        return compressor;
    }

    @Override
    public void close() {
        codecs.release();
    }
}
