package io.lakegate.cli;

import io.lakegate.LakegateVersion;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.validate.FileValidator;
import io.lakegate.validate.ValidationReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code check FILE [--contract ID]}: the validation a file gets in the route, run on a local file, printed
 * as the reason.json would be. The file is judged as if uploaded to {@code raw/<name>} unless a contract is
 * named. Exit 0 when valid, 1 when it would be rejected.
 */
final class CheckCommand implements CommandLine.Command {

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        String contractId = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--contract") && i + 1 < args.length) {
                contractId = args[++i];
            } else if (file == null && !args[i].startsWith("--")) {
                file = Path.of(args[i]);
            } else {
                throw new CommandLine.UsageException("usage: lakegate check FILE [--contract ID]");
            }
        }
        if (file == null) {
            throw new CommandLine.UsageException("usage: lakegate check FILE [--contract ID]");
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
        return report.isAccepted() ? 0 : 1;
    }

    private static Optional<DataContract> choose(ContractRegistry contracts, String contractId) throws CommandLine.UsageException {
        if (contractId == null) {
            return Optional.empty();
        }
        return Optional.of(contracts.byId(contractId).orElseThrow(() -> new CommandLine.UsageException(
                "No contract with id '" + contractId + "' in " + contracts.directory().toAbsolutePath())));
    }
}
