package io.lakegate.parse;

/**
 * A dialect that explains a sample, with how sure the detector is of it.
 *
 * @param confidence from 0 to 1: how well the dialect fits the sample (the share of records with the usual
 *                   field count times the share of cells holding a recognisable value), scaled down when a
 *                   reading with another delimiter comes close; at most 0.5 for a one-column file
 */
public record DetectedDialect(CsvDialect dialect, double confidence) {
}
