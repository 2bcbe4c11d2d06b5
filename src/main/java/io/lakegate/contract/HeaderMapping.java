package io.lakegate.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a file's header lines up with a contract: which position holds each contract column (found by
 * normalized name or alias, in any order), and what is extra, duplicated or missing.
 */
public record HeaderMapping(
        Map<String, Integer> columnPositions,
        List<String> extraColumns,
        List<String> duplicateColumns,
        List<MissingColumn> missingRequired) {

    /** A required column the header lacks, with the header names that look most like it. */
    public record MissingColumn(String column, List<String> closest) {
    }

    private static final int MAX_SUGGESTIONS = 3;

    public static HeaderMapping resolve(DataContract contract, List<String> header) {
        Map<String, String> canonicalByName = new HashMap<>();
        for (DataContract.Property p : contract.properties()) {
            canonicalByName.put(p.name(), p.name());
            p.aliasesOrEmpty().forEach(alias -> canonicalByName.put(HeaderNames.normalize(alias), p.name()));
        }
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> extra = new ArrayList<>();
        Set<String> duplicates = new LinkedHashSet<>();
        Set<String> seenNames = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = HeaderNames.normalize(header.get(i));
            if (name.isEmpty()) {
                extra.add("column_" + (i + 1));
                continue;
            }
            if (!seenNames.add(name)) {
                duplicates.add(name);
                continue;
            }
            String canonical = canonicalByName.get(name);
            if (canonical == null) {
                extra.add(name);
            } else if (positions.putIfAbsent(canonical, i) != null) {
                duplicates.add(canonical);
            }
        }
        List<MissingColumn> missing = new ArrayList<>();
        for (String required : contract.requiredColumns()) {
            if (!positions.containsKey(required)) {
                missing.add(new MissingColumn(required, closest(required, extra)));
            }
        }
        return new HeaderMapping(positions, extra, List.copyOf(duplicates), missing);
    }

    /**
     * Which contract column each header name was read as, in the header's order: {@code txn_id → transaction_id}.
     * Header names that map to no column are left out (they are the {@link #extraColumns}).
     */
    public Map<String, String> columnsByHeaderName(List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        columnPositions.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> columns.put(header.get(e.getValue()), e.getKey()));
        return columns;
    }

    public boolean matchesAnyColumn() {
        return !columnPositions.isEmpty();
    }

    private static List<String> closest(String column, List<String> candidates) {
        int tolerance = Math.max(3, column.length() / 2);
        return candidates.stream()
                .filter(c -> editDistance(column, c) <= tolerance || c.contains(column) || column.contains(c))
                .sorted(Comparator.comparingInt((String c) -> editDistance(column, c)).thenComparing(c -> c))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
