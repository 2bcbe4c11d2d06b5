package io.lakegate.cli;

import io.lakegate.LakegateVersion;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.validate.DecodedSample;
import io.lakegate.validate.FileSniffer;
import io.lakegate.validate.FileValidator;
import io.lakegate.validate.ValidationReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code check FILE [--contract ID] [--rows]}: the validation a file gets in the route, run on a local file, printed
 * as the reason.json would be. The file is judged as if uploaded to {@code raw/<name>} unless a contract is
 * named. With {@code --rows}, a valid file's rows are also read and put through the contract's rules, and their
 * counts and first rejects printed after it. Exit 0 when the file would be ingested, 1 when it would be
 * rejected (or, with --rows, refused for its share of rejected rows).
 */
final class CheckCommand implements CommandLine.Command {

    private static final String USAGE = "usage: lakegate check FILE [--contract ID] [--rows]";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public String summary() {
        return "the verdict the service would give a file (reason.json); with --rows also its rows' counts and first rejects";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        String contractId = null;
        boolean rows = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--contract") && i + 1 < args.length) {
                contractId = args[++i];
            } else if (args[i].equals("--rows")) {
                rows = true;
            } else if (file == null && !args[i].startsWith("--")) {
                file = Path.of(args[i]);
            } else {
                throw new CommandLine.UsageException(USAGE);
            }
        }
        if (file == null) {
            throw new CommandLine.UsageException(USAGE);
        }
        ServiceSettings settings = ServiceSettings.load();
        ContractRegistry contracts = new ContractRegistry(settings.contracts().directoryPath());
        Optional<DataContract> chosen = choose(contracts, contractId);
        FileValidator validator = new FileValidator(key -> chosen.or(() -> contracts.forKey(key)),
                contracts::all, settings.validation(), Clock.systemUTC(), LakegateVersion.get());
        Path local = file;
        String key = LakeLayout.rawKeyForFile(file.getFileName().toString());
        ValidationReport report = validator.validate(key, Files.size(file), length -> LocalFile.readStart(local, length));
        out.println(new String(LakeJson.pretty(report), StandardCharsets.UTF_8));
        if (!report.isAccepted() || !rows) {
            return report.isAccepted() ? 0 : 1;
        }
        DataContract contract = contracts.byId(report.contract().id()).orElseThrow();
        FileSniffer sniffer = new FileSniffer(settings.validation());
        DecodedSample sample = sniffer.readText(key.toLowerCase(Locale.ROOT).endsWith(".gz"), Files.size(file),
                length -> LocalFile.readStart(local, length), contract.source().encodings());
        RowRulesCheck.RowsReport checked = RowRulesCheck.run(file, sample, sniffer.detectDialect(sample).dialect(), contract,
                settings.processing().batchRows());
        out.println(new String(LakeJson.pretty(checked), StandardCharsets.UTF_8));
        return checked.wouldBeRefused() ? 1 : 0;
    }

    private static Optional<DataContract> choose(ContractRegistry contracts, String contractId) throws CommandLine.UsageException {
        if (contractId == null) {
            return Optional.empty();
        }
        return Optional.of(contracts.byId(contractId).orElseThrow(() -> new CommandLine.UsageException(
                "No contract with id '" + contractId + "' in " + contracts.directory().toAbsolutePath())));
    }
}
