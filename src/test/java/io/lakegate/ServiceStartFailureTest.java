package io.lakegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service that cannot start ends with one line that names the cause and the fix, and an exit code. */
class ServiceStartFailureTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int start(String... args) {
        return LakegateApplication.start(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String lastLine() {
        return err.toString(StandardCharsets.UTF_8).lines().reduce((first, second) -> second).orElse("");
    }

    @Test
    void withoutContractsItStopsBeforeAnythingStartsAndLeavesNoLakeFolder(@TempDir Path directory) {
        Path lake = directory.resolve("lake-data");

        int exit = start("--lakegate.contracts.directory=" + directory.resolve("contracts"),
                "--lakegate.storage.embedded.directory=" + lake);

        assertThat(exit).isEqualTo(1);
        assertThat(lastLine()).startsWith("Lakegate did not start. No data contract (*.yaml) found in")
                .contains("start Lakegate in the folder that holds contracts/");
        assertThat(lake).doesNotExist();
    }

    @Test
    void aPortInUseIsNamedWithAnotherPortToUse(@TempDir Path directory) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = start("--server.port=" + taken.getLocalPort(), "--lakegate.storage.embedded.port=0",
                    "--lakegate.storage.embedded.directory=" + directory.resolve("lake-data"),
                    "--lakegate.intake.enabled=false", "--lakegate.processing.enabled=false",
                    "--lakegate.compaction.enabled=false");

            assertThat(exit).isEqualTo(1);
            assertThat(lastLine()).isEqualTo("Lakegate did not start. Port " + taken.getLocalPort() + " (server.port) is "
                    + "already in use: stop the program listening there, or start Lakegate on another port, e.g. "
                    + "--server.port=" + (taken.getLocalPort() + 1));
        }
    }
}
