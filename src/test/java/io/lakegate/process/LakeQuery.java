package io.lakegate.process;

import io.lakegate.DuckDbQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads Parquet the way an analyst's engine would: copies the objects under a prefix from the lake (over
 * S3) to a local folder and queries them with DuckDB, which checks the files are valid for other readers.
 */
final class LakeQuery {

    private LakeQuery() {
    }

    static List<Map<String, Object>> query(S3Client s3, String bucket, String prefix, Path localCopy, String sql)
            throws IOException, SQLException {
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            Path target = localCopy.resolve(o.key());
            Files.createDirectories(target.getParent());
            Files.write(target, s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asByteArray());
        }
        String files = DuckDbQuery.sqlPath(localCopy.resolve(prefix)) + "/**/*.parquet";
        return DuckDbQuery.rows(List.of(), sql.replace("{parquet}", "read_parquet('" + files + "', hive_partitioning = true)"));
    }
}
