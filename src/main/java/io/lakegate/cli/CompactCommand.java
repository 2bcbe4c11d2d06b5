package io.lakegate.cli;

import io.lakegate.LakegateApplication;
import io.lakegate.gold.CompactionReport;
import io.lakegate.lake.LakeJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code compact [--date YYYY-MM-DD]}: one gold compaction run now, through the same route as the schedule,
 * against the lake {@code ./application.yaml} names; intake, processing and the schedule stay off. Prints
 * the run's report; exit 0 when no date failed, 1 otherwise.
 */
final class CompactCommand implements CommandLine.Command {

    private static final String USAGE = "usage: lakegate compact [--date YYYY-MM-DD]";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String date = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--date") && i + 1 < args.length) {
                date = args[++i];
            } else {
                throw new CommandLine.UsageException(USAGE);
            }
        }
        // Command-line arguments outrank ./application.yaml. A random port for the embedded S3 server, so
        // this works while the service runs on the same lake: the lease keeps the two apart.
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LakegateApplication.class).run(
                "--server.port=0", "--lakegate.storage.embedded.port=0", "--lakegate.intake.enabled=false",
                "--lakegate.processing.enabled=false", "--lakegate.compaction.enabled=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
            ProducerTemplate camel = service.getBean(ProducerTemplate.class);
            CompactionReport report;
            try {
                report = camel.requestBodyAndHeader("direct:compact-gold", null, "compactionDate", date, CompactionReport.class);
            } catch (CamelExecutionException e) {
                if (e.getCause() instanceof IllegalArgumentException bad) {
                    throw new CommandLine.UsageException(bad.getMessage());
                }
                throw e;
            }
            out.println(new String(LakeJson.pretty(report), StandardCharsets.UTF_8));
            return report.failed() == 0 ? 0 : 1;
        }
    }
}
