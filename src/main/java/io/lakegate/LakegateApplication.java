package io.lakegate;

import io.lakegate.cli.CommandLine;
import io.lakegate.cli.ContractsFolderCheck;
import io.lakegate.cli.StartupFailure;
import java.io.PrintStream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * Runs the service (no arguments, or only options such as {@code --server.port=8081}), or else a command
 * ({@code sniff}, {@code check}, ...), help, or a usage error: a mistyped command never starts the service.
 * Boot's generated-password user is left out: credentials are lakegate.security.* (io.lakegate.http).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class LakegateApplication {

    public static void main(String[] args) {
        if (!CommandLine.startsService(args)) {
            System.exit(CommandLine.run(args, System.out, System.err));
        }
        int exit = start(args, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * Starts the service, which then runs on its own threads; returns 0 once it has started, or 1 after one line
     * on {@code err} that names why it could not start and what to do, below Spring Boot's own report.
     */
    public static int start(String[] args, PrintStream err) {
        SpringApplication service = new SpringApplication(LakegateApplication.class);
        service.addListeners(new ContractsFolderCheck());
        try {
            service.run(args);
            return 0;
        } catch (RuntimeException e) {
            err.println("Lakegate did not start. " + StartupFailure.describe(e).orElseGet(() -> "Cause: " + rootCause(e)));
            return 1;
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
