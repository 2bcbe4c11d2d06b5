package io.lakegate.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one contract file and checks that it is usable, naming the file and the problem when not. */
public final class ContractLoader {

    private static final Set<String> LOGICAL_TYPES = Set.of("string", "integer", "decimal", "timestamp", "date", "boolean");
    private static final Set<String> NUMERIC_TYPES = Set.of("integer", "decimal");
    private static final Set<String> COLUMN_RULES = Set.of("accepted_values", "regex", "range", "length", "iso_currency");
    private static final Set<String> DATASET_RULES = Set.of("equals_product");
    private static final Set<String> SEVERITIES = Set.of("reject", "warn");

    // Unknown keys fail the load: a misspelt `requried:` must not silently weaken a contract.
    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .build();

    public DataContract load(Path file) {
        DataContract contract;
        try {
            contract = yaml.readValue(file.toFile(), DataContract.class);
        } catch (IOException e) {
            throw new ContractException("Contract " + file + " cannot be read: " + e.getMessage(), e);
        }
        check(contract, file);
        return contract;
    }

    private static void check(DataContract c, Path file) {
        require(c.id() != null && !c.id().isBlank(), file, "it has no id");
        require(c.source() != null && c.source().keys() != null && !c.source().keys().isEmpty(), file,
                "source.keys lists no raw keys it applies to");
        for (String encoding : c.source().encoding() == null ? List.<String>of() : c.source().encoding()) {
            require(encoding != null && isCharset(encoding), file, "source.encoding names '" + encoding + "', which is not"
                    + " an encoding this JVM reads (e.g. windows-1251, ISO-8859-2, Shift_JIS)");
        }
        require(c.source().suspectEncoding() == null || SEVERITIES.contains(c.source().suspectEncoding()), file,
                "source.suspectEncoding is '" + c.source().suspectEncoding() + "'; expected warn or reject");
        require(c.schema() != null && c.schema().properties() != null && !c.schema().properties().isEmpty(),
                file, "schema.properties declares no columns");
        Map<String, String> namesSeen = new HashMap<>();
        for (DataContract.Property p : c.properties()) {
            require(p.name() != null && p.name().equals(HeaderNames.normalize(p.name())), file,
                    "column '" + p.name() + "' is not a normalized snake_case name");
            require(p.logicalType() != null && LOGICAL_TYPES.contains(p.logicalType()), file,
                    "column '" + p.name() + "' has logicalType '" + p.logicalType() + "'; expected one of " + LOGICAL_TYPES);
            claim(namesSeen, p.name(), p.name(), file);
            checkFormat(p, file);
            for (DataContract.Rule rule : p.qualityOrEmpty()) {
                checkColumnRule(c, p, rule, file);
            }
            Set<String> own = new HashSet<>();
            for (String alias : p.aliasesOrEmpty()) {
                String normalized = HeaderNames.normalize(alias);
                if (own.add(normalized) && !normalized.equals(p.name())) {
                    claim(namesSeen, normalized, p.name(), file);
                }
            }
        }
        require(c.schema().eventTime() != null, file, "schema.eventTime names no column; processed data is partitioned by it");
        require(c.property(c.schema().eventTime()).map(p -> Set.of("timestamp", "date").contains(p.logicalType())).orElse(false),
                file, "schema.eventTime names '" + c.schema().eventTime() + "', which is not a timestamp or date column");
        DataContract.Quality quality = c.qualityOrDefault();
        if (quality.maxRejectedPercent() != null) {
            require(quality.maxRejectedPercent() >= 0 && quality.maxRejectedPercent() <= 100, file,
                    "quality.maxRejectedPercent must be between 0 and 100");
        }
        for (DataContract.Rule rule : quality.rulesOrEmpty()) {
            checkDatasetRule(c, rule, file);
        }
        if (c.gold() != null) {
            require(c.gold().key() != null && c.property(c.gold().key()).map(DataContract.Property::required).orElse(false),
                    file, "gold.key must name a required column; it is '" + c.gold().key() + "'");
            for (String column : c.gold().sortByOrKey()) {
                require(c.property(column).isPresent(), file, "gold.sortBy names '" + column + "', which is not a column");
            }
        }
        if (c.schema().timezone() != null) {
            try {
                ZoneId.of(c.schema().timezone());
            } catch (DateTimeException e) {
                throw new ContractException("Contract " + file + ": schema.timezone '" + c.schema().timezone()
                        + "' is not a zone id", e);
            }
        }
    }

    private static boolean isCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private static void checkFormat(DataContract.Property p, Path file) {
        DataContract.Format format = p.format();
        if (format == null) {
            return;
        }
        if (format.dayMonthOrder() != null) {
            require(Set.of("day_first", "month_first").contains(format.dayMonthOrder()), file,
                    "column '" + p.name() + "' format.dayMonthOrder must be day_first or month_first");
        }
        if (format.twoDigitYearPivot() != null) {
            require(format.twoDigitYearPivot() >= 1000 && format.twoDigitYearPivot() <= 9999, file,
                    "column '" + p.name() + "' format.twoDigitYearPivot must be a year from 1000 to 9999");
        }
        if (format.decimalSeparator() != null) {
            require(Set.of("dot", "comma").contains(format.decimalSeparator()), file,
                    "column '" + p.name() + "' format.decimalSeparator must be dot or comma");
        }
        if (format.patterns() != null) {
            for (String pattern : format.patterns()) {
                try {
                    DateTimeFormatter.ofPattern(pattern);
                } catch (IllegalArgumentException e) {
                    throw new ContractException("Contract " + file + ": column '" + p.name() + "' has an invalid pattern '"
                            + pattern + "': " + e.getMessage(), e);
                }
            }
        }
    }

    private static void checkColumnRule(DataContract c, DataContract.Property p, DataContract.Rule rule, Path file) {
        String where = "column '" + p.name() + "' rule '" + rule.rule() + "'";
        require(rule.rule() != null && COLUMN_RULES.contains(rule.rule()), file,
                where + " is unknown; column rules are " + COLUMN_RULES);
        checkSeverity(rule, where, file);
        switch (rule.rule()) {
            case "accepted_values" -> {
                require(rule.values() != null && !rule.values().isEmpty(), file, where + " lists no values");
                require("string".equals(p.logicalType()), file, where + " needs a string column");
            }
            case "regex" -> {
                require(rule.pattern() != null, file, where + " has no pattern");
                require("string".equals(p.logicalType()), file, where + " needs a string column");
                try {
                    Pattern.compile(rule.pattern());
                } catch (PatternSyntaxException e) {
                    throw new ContractException("Contract " + file + ": " + where + " pattern does not compile: " + e.getMessage(), e);
                }
            }
            case "range" -> {
                require(rule.min() != null || rule.max() != null, file, where + " has neither min nor max");
                require(NUMERIC_TYPES.contains(p.logicalType()), file, where + " needs an integer or decimal column");
            }
            case "length" -> {
                require(rule.min() != null || rule.max() != null, file, where + " has neither min nor max");
                require("string".equals(p.logicalType()), file, where + " needs a string column");
            }
            default -> require("string".equals(p.logicalType()), file, where + " needs a string column");
        }
    }

    private static void checkDatasetRule(DataContract c, DataContract.Rule rule, Path file) {
        String where = "quality rule '" + (rule.name() == null ? rule.rule() : rule.name()) + "'";
        require(rule.rule() != null && DATASET_RULES.contains(rule.rule()), file,
                where + " is unknown; dataset rules are " + DATASET_RULES);
        checkSeverity(rule, where, file);
        require(rule.column() != null && rule.factors() != null && rule.factors().size() >= 2, file,
                where + " needs a column and at least two factors");
        for (String column : concat(rule.column(), rule.factors())) {
            require(c.property(column).map(p -> NUMERIC_TYPES.contains(p.logicalType())).orElse(false), file,
                    where + " refers to '" + column + "', which is not a numeric column");
        }
    }

    private static void checkSeverity(DataContract.Rule rule, String where, Path file) {
        require(rule.severity() == null || SEVERITIES.contains(rule.severity()), file,
                where + " has severity '" + rule.severity() + "'; expected reject or warn");
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    private static void claim(Map<String, String> namesSeen, String name, String column, Path file) {
        String owner = namesSeen.putIfAbsent(name, column);
        require(owner == null, file, "header name '" + name + "' would map to both '" + owner + "' and '" + column + "'");
    }

    private static void require(boolean condition, Path file, String problem) {
        if (!condition) {
            throw new ContractException("Contract " + file + " is not usable: " + problem);
        }
    }
}
