package io.lakegate.cli;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.gold.AthenaTableDdl;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ddl [--bucket B] [--database D] [--contract ID]}: the Athena/Glue {@code CREATE EXTERNAL TABLE} of
 * every gold table (or one), generated from the contracts in {@code ./contracts}. The bucket defaults to
 * {@code lakegate.storage.bucket} in {@code ./application.yaml}.
 */
final class DdlCommand implements CommandLine.Command {

    private static final String USAGE = "usage: lakegate ddl [--bucket BUCKET] [--database DATABASE] [--contract ID]";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public String summary() {
        return "the Athena table of the gold data and queries to start from";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ServiceSettings settings = ServiceSettings.load();
        String bucket = settings.storage().bucket();
        String database = "lakegate";
        String contractId = null;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new CommandLine.UsageException(USAGE);
            }
            switch (args[i]) {
                case "--bucket" -> bucket = args[++i];
                case "--database" -> database = args[++i];
                case "--contract" -> contractId = args[++i];
                default -> throw new CommandLine.UsageException(USAGE);
            }
        }
        ContractRegistry contracts = new ContractRegistry(settings.contracts().directoryPath());
        String only = contractId;
        List<DataContract> chosen = contracts.all().stream()
                .filter(c -> c.goldTable().isPresent())
                .filter(c -> only == null || c.id().equals(only))
                .toList();
        if (chosen.isEmpty()) {
            err.println("No contract " + (contractId == null ? "" : "'" + contractId + "' ") + "in "
                    + contracts.directory().toAbsolutePath() + " declares a gold table");
            return 1;
        }
        for (DataContract contract : chosen) {
            out.println(AthenaTableDdl.render(contract, bucket, database));
        }
        return 0;
    }
}
