package io.lakegate.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A dataset's data contract, as written in {@code contracts/<id>.yaml}. The YAML shape follows ODCS v3
 * (schema → properties → quality), with Lakegate's {@code source}, {@code aliases} and {@code format} added.
 */
public record DataContract(
        String apiVersion,
        String kind,
        String id,
        String version,
        String description,
        Source source,
        Schema schema,
        Quality quality,
        Gold gold) {

    /**
     * @param keys          globs over the raw keys the contract governs
     * @param strictColumns a column the schema does not declare rejects the file
     * @param matchHeader   a file no contract's keys claim is taken when its header holds this contract's columns
     * @param encoding      how a file that is neither UTF-8 nor marked by a byte-order mark is encoded: one name
     *                      pins it, several are the only candidates the detector chooses among; none leaves it to
     *                      the detector and {@code lakegate.validation.fallback-encodings}
     * @param suspectEncoding {@code warn} (the default: the audit names the columns) or {@code reject} (the file is
     *                      refused {@code suspect_encoding}) when a string column holds text decoded wrong before it
     *                      reached Lakegate, such as UTF-8 read as windows-1252 ({@code Ã©}, {@code â€™})
     */
    public record Source(List<String> keys, boolean strictColumns, boolean matchHeader,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> encoding,
            String suspectEncoding) {

        public boolean rejectsSuspectEncoding() {
            return "reject".equals(suspectEncoding);
        }

        public List<Charset> encodings() {
            return encoding == null ? List.of() : encoding.stream().map(Charset::forName).toList();
        }
    }

    /**
     * @param eventTime  the timestamp column that partitions processed and gold data by date
     * @param timezone   zone for timestamps written without an offset, and for the partition date
     * @param nullValues cell values read as null (after trimming), besides the empty string
     */
    public record Schema(String name, String eventTime, String timezone, List<String> nullValues, List<Property> properties) {
    }

    public record Property(
            String name,
            String logicalType,
            boolean required,
            boolean unique,
            List<String> aliases,
            Integer precision,
            Integer scale,
            Format format,
            List<Rule> quality) {

        public List<String> aliasesOrEmpty() {
            return aliases == null ? List.of() : aliases;
        }

        public List<Rule> qualityOrEmpty() {
            return quality == null ? List.of() : quality;
        }
    }

    /**
     * How a column's text is read when the per-file detection should not decide alone.
     *
     * @param patterns         java.time patterns tried instead of the built-in timestamp forms
     * @param dayMonthOrder    {@code day_first} or {@code month_first}: pins the order of ambiguous dates
     * @param decimalSeparator {@code dot} or {@code comma}: pins the decimal separator
     * @param notBefore        timestamps before this date are implausible
     * @param maxFuture        timestamps later than now plus this are implausible (ISO-8601 duration, e.g. P1D)
     * @param twoDigitYearPivot a two-digit year is read as the year ending in its digits from this year minus
     *                         100 to this year minus 1; without it 2030, as spreadsheets read them (00-29 are
     *                         2000-2029, 30-99 are 1930-1999)
     */
    public record Format(List<String> patterns, String dayMonthOrder, String decimalSeparator, LocalDate notBefore,
            Duration maxFuture, Integer twoDigitYearPivot) {
    }

    /**
     * One data-quality check, named like dbt tests / SodaCL checks. Which fields apply depends on {@code rule}:
     * {@code accepted_values} (values), {@code regex} (pattern), {@code range} (min, max), {@code length}
     * (min, max), {@code iso_currency}, and on the dataset level {@code equals_product} (column = product of
     * factors, within tolerance).
     *
     * @param severity {@code reject} (the row goes to rejects) or {@code warn} (kept, counted in the audit)
     */
    public record Rule(
            String rule,
            String name,
            String severity,
            List<String> values,
            String pattern,
            BigDecimal min,
            BigDecimal max,
            String column,
            List<String> factors,
            BigDecimal tolerance) {
    }

    /**
     * Dataset-level quality: cross-column rules and the share of rejected rows above which the whole file
     * is refused and nothing of it published.
     */
    public record Quality(Double maxRejectedPercent, List<Rule> rules) {

        public List<Rule> rulesOrEmpty() {
            return rules == null ? List.of() : rules;
        }
    }

    /**
     * How the dataset's gold table is kept: one row per {@code key} (the latest ingested version), files sorted
     * by {@code sortBy} so that readers can skip row groups. A contract without it has no gold table.
     */
    public record Gold(String key, List<String> sortBy) {

        public List<String> sortByOrKey() {
            return sortBy == null || sortBy.isEmpty() ? List.of(key) : sortBy;
        }
    }

    public Optional<Gold> goldTable() {
        return Optional.ofNullable(gold);
    }

    public List<Property> properties() {
        return schema.properties();
    }

    public Optional<Property> property(String name) {
        return properties().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> requiredColumns() {
        return properties().stream().filter(Property::required).map(Property::name).toList();
    }

    public List<String> nullValues() {
        return schema.nullValues() == null ? List.of() : schema.nullValues();
    }

    public Quality qualityOrDefault() {
        return quality == null ? new Quality(null, List.of()) : quality;
    }
}
