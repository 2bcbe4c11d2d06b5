package io.lakegate.validate;

import java.nio.charset.Charset;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How strictly files are judged at the door. Defaults suit typical sales extracts; see README for each.
 *
 * @param sampleSize        bytes read from the start of a file (one ranged GET) to decide on it
 * @param maxFileSize       larger files are refused (S3 copies a single object up to 5 GiB in one call)
 * @param fallbackEncodings tried in order when a file is not valid UTF-8 and has no byte-order mark
 * @param raggedRowsLimit   share of sampled rows whose field count differs from the header's above which
 *                          the header is taken not to describe the file; below it, single rows are
 *                          rejected row by row during processing
 * @param maxColumns        a header with more columns is refused ({@code too_many_columns}): every row of such a
 *                          file would cost the reader and the reject files that many fields
 */
@ConfigurationProperties("lakegate.validation")
public record ValidationSettings(
        @DefaultValue("64KB") DataSize sampleSize,
        @DefaultValue("5GB") DataSize maxFileSize,
        @DefaultValue("windows-1252") List<Charset> fallbackEncodings,
        @DefaultValue("0.1") double raggedRowsLimit,
        @DefaultValue("1000") int maxColumns) {

    public static ValidationSettings defaults() {
        return new ValidationSettings(DataSize.ofKilobytes(64), DataSize.ofGigabytes(5),
                List.of(Charset.forName("windows-1252")), 0.1, 1000);
    }
}
