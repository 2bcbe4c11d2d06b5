package io.lakegate.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a realistic sales extract for benchmarks and tests: a few hundred stores, ten thousand products,
 * timestamps over a chosen number of dates, some empty customer ids, and a chosen share of defective rows and
 * duplicate transaction ids. Seeded, so two runs write the same file.
 * <p>
 * Each row is a function of its index alone, so the same rows can be written in two orders: by time (the
 * index order, as a point-of-sale log would be), or shuffled, as an export grouped by store or by id spreads
 * every date over the whole file, which is what producers usually send.
 */
public final class SalesFileGenerator {

    /** The order rows are written in. */
    public enum Order { SORTED, SHUFFLED }

    public record Generated(long rows, long defective, long duplicates, long bytes) {
    }

    private static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method";
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "CHF"};
    private static final String[] PAYMENTS = {"card", "cash", "voucher", "mobile"};
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final long DAY_SECONDS = 24L * 3600;
    private static final long SEED = 42;

    private SalesFileGenerator() {
    }

    public static Generated write(Path file, long rows, int days, double defectShare, double duplicateShare, Order order)
            throws IOException {
        long start = firstDay(days).toEpochDay() * DAY_SECONDS;
        Shuffle shuffle = order == Order.SHUFFLED ? new Shuffle(rows) : null;
        long defective = 0;
        long duplicates = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (long written = 0; written < rows; written++) {
                long i = shuffle == null ? written : shuffle.index(written);
                SplittableRandom random = new SplittableRandom(mix(i));
                // A duplicate repeats the id of the row before it in time, as a double-submitted sale would;
                // it is one more row of an id only when that row kept its own id.
                boolean duplicate = isDuplicate(i, duplicateShare);
                long id = duplicate ? i - 1 : i;
                duplicates += duplicate && !isDuplicate(i - 1, duplicateShare) ? 1 : 0;
                int quantity = 1 + random.nextInt(10);
                long priceCents = 99 + random.nextInt(20_000);
                long second = start + i * days * DAY_SECONDS / Math.max(1, rows) + random.nextInt(60);
                String store = String.format(Locale.ROOT, "S%03d", random.nextInt(200));
                String sku = "SKU-" + random.nextInt(10_000);
                String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
                String customer = random.nextInt(10) == 0 ? "" : "C-" + random.nextInt(100_000);
                String soldAt = ISO.format(Instant.ofEpochSecond(second));
                String price = cents(priceCents);
                String amount = cents(priceCents * quantity);
                if (random.nextDouble() < defectShare) {
                    defective++;
                    switch (random.nextInt(4)) {
                        case 0 -> soldAt = "yesterday";
                        case 1 -> price = "n/a price";
                        case 2 -> currency = "XXQ";
                        default -> store = "";
                    }
                }
                out.write("T-");
                out.write(Long.toString(id));
                out.write(',');
                out.write(store);
                out.write(',');
                out.write(sku);
                out.write(',');
                out.write(Integer.toString(quantity));
                out.write(',');
                out.write(price);
                out.write(',');
                out.write(amount);
                out.write(',');
                out.write(currency);
                out.write(',');
                out.write(customer);
                out.write(',');
                out.write(soldAt);
                out.write(',');
                out.write(PAYMENTS[random.nextInt(PAYMENTS.length)]);
                out.write('\n');
            }
        }
        return new Generated(rows, defective, duplicates, Files.size(file));
    }

    /** The span starts on 2024-03-01, or earlier for a long one, so that no date lies in the future. */
    static LocalDate firstDay(int days) {
        LocalDate latestStart = LocalDate.of(2026, 1, 1).minusDays(days);
        LocalDate usual = LocalDate.of(2024, 3, 1);
        return usual.isBefore(latestStart) ? usual : latestStart;
    }

    private static boolean isDuplicate(long index, double share) {
        return index > 0 && new SplittableRandom(mix(index) ^ 0x5DEECE66DL).nextDouble() < share;
    }

    private static long mix(long index) {
        long z = (index + SEED) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A pseudo-random permutation of 0..rows-1 that needs no memory: an invertible mix of the bits of the
     * smallest power of two that holds the rows, applied again while the result falls outside them.
     */
    private static final class Shuffle {
        private final long rows;
        private final long mask;
        private final int half;

        Shuffle(long rows) {
            this.rows = rows;
            int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(Math.max(1, rows - 1)));
            this.mask = bits == 64 ? -1L : (1L << bits) - 1;
            this.half = Math.max(1, bits / 2);
        }

        long index(long position) {
            long x = position;
            do {
                x = permute(x);
            } while (x >= rows);
            return x;
        }

        private long permute(long x) {
            for (int round = 0; round < 4; round++) {
                x = (x * 0x2545F4914F6CDD1DL + 0x632BE59BD9B4E019L) & mask;
                x ^= x >>> half;
            }
            return x;
        }
    }

    private static String cents(long cents) {
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }
}
