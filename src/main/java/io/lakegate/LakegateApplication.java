package io.lakegate;

import io.lakegate.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * Runs the service, or, when the first argument names a command ({@code sniff}, {@code check}), that command alone.
 * Boot's generated-password user is left out: credentials are lakegate.security.* (io.lakegate.http).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class LakegateApplication {

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(args, System.out, System.err));
        }
        SpringApplication.run(LakegateApplication.class, args);
    }
}
