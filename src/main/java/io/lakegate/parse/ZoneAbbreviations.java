package io.lakegate.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The time zone abbreviations a value may name, as {@code date(1)}, Go and mail headers print them.
 * Abbreviations are not standardised: the same letters name different offsets in different countries, and
 * reading the wrong one moves the instant by hours. So this is an explicit table, checked against the tz
 * database (which is what those programs print from) and common usage:
 * <ul>
 * <li>an abbreviation that every zone writing it today gives the same offset reads as that fixed offset,
 * whatever the date: {@code CET} is +01:00 even in July, when a Paris clock would say {@code CEST};</li>
 * <li>{@code MSK} reads as Moscow's standard time of the date, which was +04:00 from 2011 to 2014 and
 * +03:00 before and since;</li>
 * <li>an abbreviation with several current meanings is refused rather than guessed, unless the value also
 * writes an offset that is one of them: {@code IST}, {@code CST}, {@code CDT}, {@code BST}, {@code AST},
 * and {@code PST}, which the tz database also writes for the Philippines (+08:00);</li>
 * <li>anything else is not an abbreviation here, and may still be a zone id such as {@code Europe/Paris}.</li>
 * </ul>
 */
final class ZoneAbbreviations {

    /** What an abbreviation says about the offset of the value it ends. */
    sealed interface Meaning permits FixedOffset, StandardTimeOf, Ambiguous {
    }

    record FixedOffset(int offsetSeconds) implements Meaning {
    }

    /** The standard (not daylight-saving) offset the zone had on the date, for abbreviations whose offset changed. */
    record StandardTimeOf(ZoneId zone) implements Meaning {

        int offsetSeconds(long wallClockSecond) {
            ZoneRules rules = zone.getRules();
            // a first guess at the instant is within a day of the truth, and standard offsets change years apart
            int guess = rules.getStandardOffset(Instant.ofEpochSecond(wallClockSecond)).getTotalSeconds();
            return rules.getStandardOffset(Instant.ofEpochSecond(wallClockSecond - guess)).getTotalSeconds();
        }
    }

    /** @param readings where each offset is meant, in the order the refusal lists them */
    record Ambiguous(Map<String, Integer> readings) implements Meaning {

        boolean allows(int offsetSeconds) {
            return readings.containsValue(offsetSeconds);
        }

        String describe() {
            return readings.entrySet().stream()
                    .map(reading -> reading.getKey() + " " + format(reading.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    private static final Map<String, Meaning> MEANINGS = Map.ofEntries(
            fixed("Z", 0), fixed("UT", 0), fixed("UTC", 0), fixed("GMT", 0),
            fixed("WET", 0), fixed("WEST", 1), fixed("CET", 1), fixed("CEST", 2),
            fixed("EET", 2), fixed("EEST", 3),
            Map.entry("MSK", new StandardTimeOf(ZoneId.of("Europe/Moscow"))),
            fixed("EST", -5), fixed("EDT", -4), fixed("MST", -7), fixed("MDT", -6),
            // the Philippines last kept daylight time in 1978, so PDT is US Pacific alone today, unlike PST
            fixed("PDT", -7),
            fixed("AKST", -9), fixed("AKDT", -8), fixed("HST", -10),
            fixed("JST", 9), fixed("HKT", 8), fixed("AWST", 8),
            Map.entry("ACST", new FixedOffset(9 * 3600 + 1800)), Map.entry("ACDT", new FixedOffset(10 * 3600 + 1800)),
            fixed("AEST", 10), fixed("AEDT", 11), fixed("NZST", 12), fixed("NZDT", 13),
            ambiguous("IST", List.of("India", "Ireland", "Israel"), List.of(5 * 3600 + 1800, 3600, 2 * 3600)),
            ambiguous("CST", List.of("US Central", "China", "Cuba"), List.of(-6 * 3600, 8 * 3600, -5 * 3600)),
            ambiguous("CDT", List.of("US Central", "Cuba"), List.of(-5 * 3600, -4 * 3600)),
            ambiguous("BST", List.of("British Summer Time", "Bangladesh"), List.of(3600, 6 * 3600)),
            ambiguous("AST", List.of("Atlantic", "Arabia"), List.of(-4 * 3600, 3 * 3600)),
            ambiguous("PST", List.of("US Pacific", "Philippines"), List.of(-8 * 3600, 8 * 3600)));

    private ZoneAbbreviations() {
    }

    /** The meaning of the abbreviation, in any case, or null when the table does not know it. */
    static Meaning of(String name) {
        return MEANINGS.get(name.toUpperCase(Locale.ROOT));
    }

    /** +00:00 rather than java.time's Z, which reads oddly beside other offsets in a message. */
    static String format(int offsetSeconds) {
        return offsetSeconds == 0 ? "+00:00" : ZoneOffset.ofTotalSeconds(offsetSeconds).toString();
    }

    private static Map.Entry<String, Meaning> fixed(String name, int hours) {
        return Map.entry(name, new FixedOffset(hours * 3600));
    }

    private static Map.Entry<String, Meaning> ambiguous(String name, List<String> places, List<Integer> offsets) {
        Map<String, Integer> readings = new LinkedHashMap<>();
        for (int i = 0; i < places.size(); i++) {
            readings.put(places.get(i), offsets.get(i));
        }
        return Map.entry(name, new Ambiguous(Collections.unmodifiableMap(readings)));
    }
}
