package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakeRouteTest;
import io.lakegate.lake.LakeLayout;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A windows-1251 file with too little Cyrillic for the statistics to be sure of: read right where its contract
 * pins the encoding, refused as ambiguous where it does not, never read as windows-1252.
 */
class EncodingRouteTest extends LakeRouteTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    @TempDir
    Path localCopy;

    @Test
    void aFileInTheEncodingItsContractPinsReachesParquetWithItsCyrillicIntact() throws Exception {
        put("raw/city_visits_1251/march.csv", visits("City"));

        JsonNode audit = awaitAuditOf("validated/city_visits_1251/march.csv");
        assertThat(audit.path("detected").path("encoding").asText()).isEqualTo("windows-1251");
        assertThat(audit.path("detected").path("encoding_source").asText()).isEqualTo("pinned");
        assertThat(audit.path("rows_good").asLong()).isEqualTo(2);
        List<Map<String, Object>> rows = LakeQuery.query(s3, bucket(), "processed/city_visits_1251", localCopy,
                "SELECT city FROM {parquet} ORDER BY visit_id");
        assertThat(rows).extracting(row -> row.get("city")).containsExactly("Тверь", "Омск");
    }

    @Test
    void aFileClaimedByItsHeaderIsReadInTheEncodingTheClaimingContractPins() throws Exception {
        put("raw/export_1251.csv", visits("City"));

        JsonNode audit = awaitAuditOf("validated/export_1251.csv");
        assertThat(audit.path("contract").path("id").asText()).isEqualTo("city_visits_1251");
        assertThat(audit.path("detected").path("encoding_source").asText()).isEqualTo("pinned");
        List<Map<String, Object>> rows = LakeQuery.query(s3, bucket(), "processed/city_visits_1251", localCopy,
                "SELECT city FROM {parquet} ORDER BY visit_id");
        assertThat(rows).extracting(row -> row.get("city")).containsExactly("Тверь", "Омск");
    }

    @Test
    void aFileThatTurnsCyrillicAfterAnAsciiStartIsReadInTheCodePageOfItsLaterBytes() throws Exception {
        StringBuilder csv = new StringBuilder("Visit ID,Store,Visit Time,Headcount\n");
        for (int i = 0; csv.length() < 90_000; i++) {
            csv.append("A-").append(i).append(",S01,2024-03-01T10:00:00Z,").append(i % 50).append('\n');
        }
        int asciiBytes = csv.length();
        List<String> stores = Files.readAllLines(Path.of("src", "test", "resources", "encodings", "ru.csv")).stream()
                .skip(1).map(line -> line.split(";")[3]).toList();
        for (int i = 0; i < stores.size(); i++) {
            csv.append("B-").append(i).append(',').append(stores.get(i)).append(",2024-03-02T10:00:00Z,").append(i).append('\n');
        }
        put("raw/store_visits/late.csv", csv.toString().getBytes(WINDOWS_1251));

        JsonNode audit = awaitAuditOf("validated/store_visits/late.csv");
        assertThat(audit.path("detected").path("encoding").asText()).isEqualTo("windows-1251");
        assertThat(audit.path("detected").path("encoding_source").asText()).isEqualTo("detected");
        assertThat(audit.path("detected").path("encoding_decided_at_byte").asLong()).isEqualTo(asciiBytes + "B-0,".length());
        assertThat(audit.path("rows_rejected").asLong()).isZero();
        List<Map<String, Object>> rows = LakeQuery.query(s3, bucket(), "processed/store_visits", localCopy,
                "SELECT store_id FROM {parquet} WHERE visit_id LIKE 'B-%' ORDER BY visit_id");
        assertThat(rows).extracting(row -> row.get("store_id")).contains("Универсам на Тверской", "Гастроном Невский");
    }

    @Test
    void theSameFileWithoutAPinIsRefusedAsAmbiguousShowingBothReadings() {
        put("raw/store_visits/march.csv", visits("Store"));

        String reasonKey = LakeLayout.reasonKeyFor(LakeLayout.systemRejectKeyFor("raw/store_visits/march.csv"));
        awaitObject(reasonKey);

        JsonNode reason = json(reasonKey);
        assertThat(reason.path("code").asText()).isEqualTo("ambiguous_encoding");
        assertThat(reason.path("message").asText())
                .contains("as windows-1251: \"V-1,Тверь,2024-03-01T10:00:00Z,12\"")
                .contains("as windows-1252: \"V-1,Òâåðü,2024-03-01T10:00:00Z,12\"")
                .contains("source.encoding");
        assertThat(keys()).noneMatch(key -> key.startsWith(LakeLayout.PROCESSED));
    }

    @Test
    void textDecodedWrongBeforeItArrivedIsAWarningInTheAuditOrARefusalWhereTheContractSaysSo() {
        // Тверь and Омск once read as windows-1252 and saved as UTF-8: valid UTF-8, wrong text.
        byte[] mojibake = ("Visit ID,Store,Visit Time,Headcount\n"
                + "V-1,Ð¢Ð²ÐµÑ€ÑŒ,2024-03-01T10:00:00Z,12\nV-2,ÐžÐ¼Ñ\u0081Ðº,2024-03-01T11:00:00Z,7\n")
                .getBytes(StandardCharsets.UTF_8);
        put("raw/store_visits/garbled.csv", mojibake);
        put("raw/city_visits_1251/garbled.csv", new String(mojibake, StandardCharsets.UTF_8)
                .replace("Store", "City").getBytes(StandardCharsets.UTF_8));

        String refusedReason = LakeLayout.reasonKeyFor(LakeLayout.systemRejectKeyFor("validated/city_visits_1251/garbled.csv"));
        awaitObject(refusedReason);
        JsonNode audit = awaitAuditOf("validated/store_visits/garbled.csv");
        assertThat(audit.path("contract").path("id").asText()).isEqualTo("store_visits");
        assertThat(audit.path("rows_good").asLong()).isEqualTo(2);
        assertThat(audit.path("encoding_warnings").path("store_id").asText())
                .isEqualTo("2 of 2 values (100.0%) look like UTF-8 read as a single-byte code page, or hold U+FFFD, e.g. 'Ð¢Ð²ÐµÑ€ÑŒ'");
        JsonNode refused = json(refusedReason);
        assertThat(refused.path("code").asText()).isEqualTo("suspect_encoding");
        assertThat(refused.path("message").asText()).contains("city: 2 of 2 values").contains("source.suspectEncoding");
        assertThat(keys()).noneMatch(key -> key.startsWith("processed/city_visits_1251/"));
    }

    /** Two visits to Тверь and Омск in windows-1251, the place column headed {@code placeColumn}. */
    private static byte[] visits(String placeColumn) {
        return ("Visit ID," + placeColumn + ",Visit Time,Headcount\n"
                + "V-1,Тверь,2024-03-01T10:00:00Z,12\nV-2,Омск,2024-03-01T11:00:00Z,7\n").getBytes(WINDOWS_1251);
    }
}
