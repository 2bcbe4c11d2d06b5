package io.lakegate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.lakegate.LakegateApplication;
import io.lakegate.gold.CompactionOutcome;
import io.lakegate.gold.CompactionReport;
import io.lakegate.lake.LakeJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code compact [--date YYYY-MM-DD]}: one gold compaction run now, through the same route as the schedule,
 * against the lake {@code ./application.yaml} names; intake, processing and the schedule stay off. Prints
 * the run's report; exit 0 when no date failed, 1 otherwise. The run takes a while (the service starts first), so
 * its steps and each date as it is written are said on stderr while it runs, and each date's outcome at the end,
 * one line each.
 */
final class CompactCommand implements CommandLine.Command {

    private static final String USAGE = "usage: lakegate compact [--date YYYY-MM-DD]";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public String summary() {
        return "one gold compaction run now, on the lake application.yaml names; prints each date's outcome";
    }

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
        err.println("Starting the lake and compacting " + (date == null ? "every date with new data" : date) + " ...");
        // Command-line arguments outrank ./application.yaml. A random port for the embedded S3 server, so
        // this works while the service runs on the same lake: the lease keeps the two apart.
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LakegateApplication.class)
                .listeners(new ContractsFolderCheck()).run(
                "--server.port=0", "--lakegate.storage.embedded.port=0", "--lakegate.intake.enabled=false",
                "--lakegate.processing.enabled=false", "--lakegate.compaction.enabled=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
                GoldProgress progress = GoldProgress.to(err)) {
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
            report.dates().forEach(outcome -> err.println(line(outcome)));
            err.println(report.compacted() + " compacted, " + report.skipped() + " skipped, " + report.failed() + " failed");
            out.println(new String(LakeJson.pretty(report), StandardCharsets.UTF_8));
            return report.failed() == 0 ? 0 : 1;
        }
    }

    private static String line(CompactionOutcome outcome) {
        StringBuilder line = new StringBuilder(outcome.dataset() + " " + outcome.date() + ": " + outcome.status());
        if (outcome.rowsIn() != null) {
            line.append(", ").append(outcome.rowsIn()).append(" rows in, ").append(outcome.rowsOut()).append(" out");
        }
        if (outcome.reason() != null) {
            line.append(" (").append(outcome.reason()).append(')');
        }
        return line.toString();
    }

    /**
     * The gold package's log lines, steps and each day written, as plain lines on stderr for as long as the run
     * lasts; stdout keeps only the report. Attached after the service has started, because Spring Boot sets up
     * logging afresh at start-up.
     */
    private static final class GoldProgress extends AppenderBase<ILoggingEvent> implements AutoCloseable {

        private final Logger gold = (Logger) LoggerFactory.getLogger("io.lakegate.gold");
        private final PrintStream err;
        private final Level level;
        private final boolean additive;

        private GoldProgress(PrintStream err) {
            this.err = err;
            this.level = gold.getLevel();
            this.additive = gold.isAdditive();
        }

        static GoldProgress to(PrintStream err) {
            GoldProgress progress = new GoldProgress(err);
            progress.setContext(progress.gold.getLoggerContext());
            progress.start();
            progress.gold.addAppender(progress);
            progress.gold.setLevel(Level.DEBUG);
            progress.gold.setAdditive(false);
            return progress;
        }

        @Override
        protected void append(ILoggingEvent event) {
            err.println(event.getFormattedMessage());
        }

        @Override
        public void close() {
            gold.detachAppender(this);
            gold.setLevel(level);
            gold.setAdditive(additive);
            stop();
        }
    }
}
