package io.lakegate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings and errors only, while a command that prints a result starts libraries that log their progress (the
 * embedded S3 server, Iceberg): the output is the answer, not their INFO lines. The level before is restored.
 */
final class QuietLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level before = root.getLevel();

    QuietLogs() {
        root.setLevel(Level.WARN);
    }

    @Override
    public void close() {
        root.setLevel(before);
    }
}
