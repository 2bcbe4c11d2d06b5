package io.lakegate.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a realistic sales extract for benchmarks: a few hundred stores, ten thousand products, a month of
 * timestamps, some empty customer ids, and a chosen share of defective rows and duplicate transaction ids.
 * Seeded, so two runs write the same file.
 */
final class SalesFileGenerator {

    record Generated(long rows, long defective, long duplicates, long bytes) {
    }

    private static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method";
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "CHF"};
    private static final String[] PAYMENTS = {"card", "cash", "voucher", "mobile"};
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final long START = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
    private static final long DAY_SECONDS = 24L * 3600;

    private SalesFileGenerator() {
    }

    static Generated write(Path file, long rows, int days, double defectShare, double duplicateShare) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long defective = 0;
        long duplicates = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            long previousId = 0;
            for (long i = 0; i < rows; i++) {
                // A duplicate repeats the previous row's id, as a double-submitted sale would.
                boolean duplicate = i > 0 && random.nextDouble() < duplicateShare;
                long id = duplicate ? previousId : i;
                previousId = id;
                duplicates += duplicate ? 1 : 0;
                int quantity = 1 + random.nextInt(10);
                long priceCents = 99 + random.nextInt(20_000);
                long second = START + ((DAY_SECONDS * days - 60) * i / Math.max(1, rows)) + random.nextInt(60);
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

    private static String cents(long cents) {
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }
}
