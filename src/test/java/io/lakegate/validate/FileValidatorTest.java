package io.lakegate.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileValidatorTest {

    private static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method\n";
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final ContractRegistry contracts = new ContractRegistry(Path.of("contracts"));
    private final FileValidator validator = new FileValidator(contracts::forKey, contracts::all, ValidationSettings.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC), "test-version");

    private ValidationReport validate(String key, byte[] content) {
        return validator.validate(key, content.length, length -> Arrays.copyOf(content, (int) Math.min(length, content.length)));
    }

    private static byte[] resource(String name) throws IOException {
        return Files.readAllBytes(Path.of("src", "test", "resources", "intake", name));
    }

    @ParameterizedTest
    @CsvSource({
        "sales.csv, utf-8, ',', ",
        "sales_utf16.csv, utf-16le-bom, ',', ",
        "sales_windows1252.csv, windows-1252, ',', ",
        "sales_semicolon.csv, utf-8, ';', ",
        "sales_compressed.csv.gz, utf-8, ',', gzip",
    })
    void reportsWhatItDetectedInAcceptedFiles(String file, String encoding, String delimiter, String compression) throws IOException {
        ValidationReport report = validate("raw/" + file, resource(file));

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
        assertThat(report.detected().encoding()).isEqualTo(encoding);
        assertThat(report.detected().delimiter()).isEqualTo(delimiter);
        assertThat(report.detected().compression()).isEqualTo(compression);
        assertThat(report.validatedAt()).isEqualTo(NOW);
        assertThat(report.rejectedAt()).isNull();
        assertThat(report.validatorVersion()).isEqualTo("test-version");
    }

    @Test
    void mapsProducerHeaderNamesThroughAliasesAndReportsExtraColumns() throws IOException {
        ValidationReport report = validate("raw/sales_aliases.csv", resource("sales_aliases.csv"));

        assertThat(report.code()).isEqualTo("valid");
        assertThat(report.extraColumns()).containsExactly("cashier");
        assertThat(report.message()).contains("'cashier'");
        assertThat(report.contract().id()).isEqualTo("fact_sales");
    }

    @Test
    void judgesALargeFileFromItsStartOnlyAndIgnoresTheRowCutByTheSample() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; csv.length() < 1_000_000; i++) {
            csv.append("T-").append(i).append(",S01,\"SKU, large\",1,2.00,2.00,USD,C-1,2024-05-01T10:00:00Z,card\n");
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        int[] bytesRead = {0};

        ValidationReport report = validator.validate("raw/sales_large.csv", content.length, length -> {
            bytesRead[0] = (int) length;
            return Arrays.copyOf(content, (int) length);
        });

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
        assertThat(bytesRead[0]).isEqualTo(64 * 1024);
    }

    @Test
    void acceptsAMultiByteCharacterCutInHalfByTheSampleEnd() {
        StringBuilder csv = new StringBuilder(HEADER);
        while (csv.length() < 70_000) {
            csv.append("T-1,S01,SKU-1,1,2.00,2.00,EUR,Zoë Ærøskøbing,2024-05-01T10:00:00Z,card\n");
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        int leadByte = 64 * 1024;
        while ((content[leadByte] & 0xC0) != 0xC0) {
            leadByte++;
        }
        int cut = leadByte + 1;

        ValidationReport report = validator.validate("raw/sales_utf8.csv", content.length,
                length -> Arrays.copyOf(content, cut));

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
        assertThat(report.detected().encoding()).isEqualTo("utf-8");
    }

    @Test
    void readsUtf16WithoutByteOrderMarkByItsNulBytes() {
        byte[] content = (HEADER + "T-1,S01,SKU-1,1,2.00,2.00,EUR,C-1,2024-05-01T10:00:00Z,card\n").getBytes(StandardCharsets.UTF_16LE);

        ValidationReport report = validate("raw/sales.csv", content);

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
        assertThat(report.detected().encoding()).isEqualTo("utf-16le");
        assertThat(report.detected().encodingSource()).isEqualTo("detected");
    }

    @Test
    void namesTheOffendingByteOfAnInvalidFile() throws IOException {
        ValidationReport report = validate("raw/sales_bad_encoding.csv", resource("sales_bad_encoding.csv"));

        assertThat(report.code()).isEqualTo("invalid_encoding");
        assertThat(report.message()).contains("byte 0x81").contains("line 2").contains("windows-1252");
    }

    @Test
    void tellsAProducerWhatAMisnamedBinaryFileReallyIs() {
        byte[] gzipNamedCsv = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};

        ValidationReport report = validate("raw/sales.csv", gzipNamedCsv);

        assertThat(report.code()).isEqualTo("binary_content");
        assertThat(report.message()).contains("gzip-compressed").contains(".gz");
    }

    @Test
    void toleratesAFewRaggedRowsAndLeavesThemToRowLevelRejects() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 20; i++) {
            csv.append(i == 7 ? "T-7,S01,SKU-1,1,1,234.50,1,234.50,USD,C-1,2024-05-01T10:00:00Z,card\n"
                    : "T-" + i + ",S01,SKU-1,1,2.00,2.00,USD,C-1,2024-05-01T10:00:00Z,card\n");
        }

        ValidationReport report = validate("raw/sales.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
    }

    @Test
    void rejectsRaggedFilesNamingTheLinesThatDoNotFit() throws IOException {
        ValidationReport report = validate("raw/sales_ragged.csv", resource("sales_ragged.csv"));

        assertThat(report.code()).isEqualTo("ragged_rows");
        assertThat(report.message()).contains("20 of 20").contains("line 2 has 12").contains("header's 10 fields");
    }

    @Test
    void rejectsAFileNoContractClaims() throws IOException {
        ValidationReport report = validate("raw/inventory.csv", resource("inventory.csv"));

        assertThat(report.code()).isEqualTo("unknown_dataset");
        assertThat(report.contract()).isNull();
        assertThat(report.sourceKeys()).containsEntry("fact_sales", List.of("raw/sales*.csv", "raw/sales*.csv.gz",
                "raw/sales*.txt", "raw/sales*.tsv", "raw/fact_sales/**"));
        assertThat(report.headerMatches()).isEmpty();
        assertThat(report.message()).contains("fact_sales takes raw/sales*.csv, raw/sales*.csv.gz")
                .contains("matches the columns of no contract");
    }

    @Test
    void aMisnamedFileIsRefusedNamingTheContractItsHeaderMatchesAndTheMappingItWouldUse() throws IOException {
        ValidationReport report = validate("raw/my_export.csv", resource("sales_aliases.csv"));

        assertThat(report.code()).isEqualTo("unknown_dataset");
        assertThat(report.headerMatches()).singleElement().satisfies(match -> {
            assertThat(match.contract()).isEqualTo("fact_sales");
            assertThat(match.mapping()).containsEntry("TransactionId", "transaction_id").containsEntry("Qty", "quantity")
                    .doesNotContainKey("Cashier");
        });
        assertThat(report.message()).contains("No data contract's source.keys matches raw/my_export.csv")
                .contains("raw/sales*.csv").contains("contract fact_sales (Store → store_id, TransactionId → transaction_id")
                .contains("source.matchHeader: true");
    }

    @Test
    void aContractThatMatchesHeadersClaimsAFileNoKeyPatternMatches() {
        FileValidator claiming = new FileValidator(key -> Optional.empty(), () -> List.of(visits(true)),
                ValidationSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), "test-version");
        byte[] csv = "Visit ID,Store,Visit Time,Headcount\nV-1,S01,2024-06-01T10:00:00Z,12\n".getBytes(StandardCharsets.UTF_8);

        ValidationReport report = claiming.validate("raw/export.csv", csv.length, length -> csv);

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
        assertThat(report.contract().id()).isEqualTo("store_visits");
        assertThat(report.message()).contains("claims it by its header");
        FileValidator notClaiming = new FileValidator(key -> Optional.empty(), () -> List.of(visits(false)),
                ValidationSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), "test-version");
        assertThat(notClaiming.validate("raw/export.csv", csv.length, length -> csv).code()).isEqualTo("unknown_dataset");
    }

    private static DataContract visits(boolean matchHeader) {
        return visits(matchHeader, null);
    }

    private static DataContract visits(boolean matchHeader, List<String> encoding) {
        return new DataContract("lakegate/v1", "DataContract", "store_visits", "1.0.0", null,
                new DataContract.Source(List.of("raw/store_visits/**"), false, matchHeader, encoding, null),
                new DataContract.Schema("store_visits", "visited_at", null, null, List.of(
                        column("visit_id", "string", List.of()), column("store_id", "string", List.of("store")),
                        column("visited_at", "timestamp", List.of("visit_time")), column("visitors", "integer", List.of("headcount")))),
                null, null);
    }

    @Test
    void readsAFileInTheEncodingItsContractPinsAndRefusesItAsAmbiguousWithoutThePin() {
        byte[] csv = "Visit ID,Store,Visit Time,Headcount\nV-1,Тверь,2024-06-01T10:00:00Z,12\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1251"));
        FileValidator pinned = new FileValidator(key -> Optional.of(visits(false, List.of("windows-1251"))), List::of,
                ValidationSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), "test-version");
        FileValidator unpinned = new FileValidator(key -> Optional.of(visits(false)), List::of,
                ValidationSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), "test-version");

        ValidationReport read = pinned.validate("raw/store_visits/a.csv", csv.length, length -> csv);
        ValidationReport refused = unpinned.validate("raw/store_visits/a.csv", csv.length, length -> csv);

        assertThat(read.code()).as(read.message()).isEqualTo("valid");
        assertThat(read.detected().encoding()).isEqualTo("windows-1251");
        assertThat(read.detected().encodingSource()).isEqualTo("pinned");
        assertThat(refused.code()).isEqualTo("ambiguous_encoding");
        assertThat(refused.message()).contains("as windows-1251: \"V-1,Тверь,").contains("as windows-1252: \"V-1,");
    }

    @Test
    void aContractThatClaimsFilesByTheirHeaderReadsThemInTheEncodingItPins() {
        FileValidator claiming = new FileValidator(key -> Optional.empty(),
                () -> List.of(visits(true, List.of("windows-1251"))), ValidationSettings.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC), "test-version");
        byte[] csv = "Visit ID,Store,Visit Time,Headcount\nV-1,Тверь,2024-06-01T10:00:00Z,12\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1251"));

        ValidationReport report = claiming.validate("raw/export.csv", csv.length, length -> csv);

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
        assertThat(report.contract().id()).isEqualTo("store_visits");
        assertThat(report.detected().encoding()).isEqualTo("windows-1251");
        assertThat(report.detected().encodingSource()).isEqualTo("pinned");
    }

    /** A file the fallback would read (one accented letter looks like Latin-1) is still read as the claiming contract pins. */
    @Test
    void aContractThatClaimsFilesByTheirHeaderSettlesAFileTheFallbackWouldRead() {
        FileValidator claiming = new FileValidator(key -> Optional.empty(),
                () -> List.of(visits(true, List.of("windows-1250"))), ValidationSettings.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC), "test-version");
        byte[] csv = "Visit ID,Store,Visit Time,Headcount\nV-1,Plze\u0148,2024-06-01T10:00:00Z,12\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1250"));

        ValidationReport report = claiming.validate("raw/export.csv", csv.length, length -> csv);

        assertThat(report.code()).as(report.message()).isEqualTo("valid");
        assertThat(report.detected().encoding()).isEqualTo("windows-1250");
        assertThat(report.detected().encodingSource()).isEqualTo("pinned");
    }

    private static DataContract.Property column(String name, String type, List<String> aliases) {
        return new DataContract.Property(name, type, true, false, aliases, null, null, null, null);
    }

    @Test
    void unclosedQuoteNamesTheLineItOpensOn() throws IOException {
        ValidationReport report = validate("raw/sales_unclosed_quote.csv", resource("sales_unclosed_quote.csv"));

        assertThat(report.code()).isEqualTo("unclosed_quote");
        assertThat(report.message()).contains("line 3");
    }

    @Test
    void internalErrorsBecomeAValidationFailedVerdict() {
        ValidationReport report = validator.internalError("raw/sales.csv", 10, new IllegalStateException("boom"));

        assertThat(report.code()).isEqualTo("validation_failed");
        assertThat(report.message()).contains("boom");
        assertThat(report.isAccepted()).isFalse();
    }

    @Test
    void rejectsCompressedFileThatIsCutShort() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.write(resource("sales_compressed.csv.gz"), 0, 40);

        ValidationReport report = validate("raw/sales.csv.gz", gz.toByteArray());

        assertThat(report.code()).isEqualTo("invalid_compression");
        assertThat(report.message()).contains("truncated");
    }

    @Test
    void refusesAHeaderOfMoreColumnsThanTheLimitWithTheCountAndTheLimit() {
        String header = HEADER.strip() + ",x".repeat(1_500) + "\n";
        String row = "T-1,S1,SKU-1,2,1.50,3.00,EUR,C-1,2024-03-01T10:00:00Z,card" + ",".repeat(1_500) + "\n";

        ValidationReport report = validate("raw/sales_wide_header.csv", (header + row.repeat(3)).getBytes(StandardCharsets.UTF_8));

        assertThat(report.code()).isEqualTo("too_many_columns");
        assertThat(report.message()).contains("1,510 columns, more than the 1,000 a file may have");
    }

    @Test
    void aHeaderLongerThanTheSampleIsCountedAsAtLeastWhatTheSampleHolds() {
        String header = HEADER.strip() + ",x".repeat(100_000) + "\n";

        ValidationReport report = validate("raw/sales_huge_header.csv", header.getBytes(StandardCharsets.UTF_8));

        assertThat(report.code()).isEqualTo("too_many_columns");
        assertThat(report.message()).contains("at least ");
    }
}
