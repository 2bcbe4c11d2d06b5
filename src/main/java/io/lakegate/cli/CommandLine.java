package io.lakegate.cli;

import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline commands: each works on local files without starting the service. Exit codes: 0 done, 1 the
 * answer is "no" (a file that would be rejected, a failed date), 2 a wrong command line, 3 the command could not
 * run (a missing file, a folder without contracts/, a failure).
 */
public final class CommandLine {

    interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;

        /** The command's synopsis, e.g. {@code usage: lakegate check FILE [--contract ID]}. */
        String usage();

        /** What the command does, in one line for the list of commands. */
        String summary();
    }

    private static final Map<String, Command> COMMANDS = commands();
    private static final List<String> HELP_WORDS = List.of("help", "--help", "-h");

    private CommandLine() {
    }

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("sniff", new SniffCommand());
        commands.put("check", new CheckCommand());
        commands.put("compact", new CompactCommand());
        commands.put("ddl", new DdlCommand());
        commands.put("query", new QueryCommand());
        commands.put("bench", new BenchCommand());
        return commands;
    }

    /**
     * Whether the arguments start the service: none at all, or only Spring Boot options such as
     * {@code --server.port=8081}. Anything else is a command, a request for help, or a mistake, and starts nothing.
     */
    public static boolean startsService(String[] args) {
        return Arrays.stream(args).allMatch(arg -> arg.startsWith("--") && arg.contains("="));
    }

    /** Runs the command named by {@code args[0]}, or prints usage; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || HELP_WORDS.contains(args[0])) {
            out.print(usage());
            return 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("lakegate: unknown command '" + args[0] + "'");
            err.print(usage());
            return 2;
        }
        String[] commandArgs = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.stream(commandArgs).anyMatch(HELP_WORDS.subList(1, 3)::contains)) {
            out.println(command.usage());
            out.println(command.summary());
            return 0;
        }
        try {
            return command.run(commandArgs, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("lakegate " + args[0] + ": " + oneLine(e));
            return 3;
        }
    }

    /** The list of commands, one line each, and how the service itself is started. */
    static String usage() {
        StringBuilder text = new StringBuilder("usage: lakegate [COMMAND [ARGS...]]\n\nCommands:\n");
        COMMANDS.forEach((name, command) -> text.append(String.format("  %-8s %s%n", name, command.summary())));
        text.append("""

                Without a command (or with only options like --server.port=8081) the service starts, reading
                ./application.yaml and ./contracts/. `lakegate COMMAND --help` shows a command's arguments.
                """);
        return text.toString();
    }

    /** A failure as one line that says what is wrong and, where it is known, what to do. */
    static String oneLine(Exception failure) {
        if (failure instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        return StartupFailure.describe(failure).orElseGet(failure::toString);
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
