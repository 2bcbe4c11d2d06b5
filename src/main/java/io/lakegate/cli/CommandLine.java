package io.lakegate.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/** The offline commands: each works on local files without starting the service. */
public final class CommandLine {

    interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = Map.of(
            "sniff", new SniffCommand(),
            "check", new CheckCommand(),
            "bench", new BenchCommand(),
            "compact", new CompactCommand(),
            "ddl", new DdlCommand(),
            "query", new QueryCommand());

    private CommandLine() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.containsKey(args[0]);
    }

    /** Runs the command named by {@code args[0]}; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return COMMANDS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(args[0] + " failed: " + e);
            return 3;
        }
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
