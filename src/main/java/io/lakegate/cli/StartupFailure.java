package io.lakegate.cli;

import io.lakegate.contract.ContractException;
import java.net.BindException;
import java.util.Optional;
import org.springframework.boot.web.server.PortInUseException;

/**
 * The causes of a failed start that a person can fix, each said in one line with its fix: a port in use, no
 * contracts where the service looks for them, a broken contract. The stack trace above it is for everything else.
 */
public final class StartupFailure {

    private StartupFailure() {
    }

    /** The one line for a failure whose cause is known, found anywhere in its chain of causes. */
    public static Optional<String> describe(Throwable failure) {
        boolean embeddedS3 = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            embeddedS3 |= String.valueOf(cause.getMessage()).contains("Embedded S3 server");
            if (cause instanceof PortInUseException portInUse) {
                return Optional.of("Port " + portInUse.getPort() + " (server.port) is already in use: stop the program "
                        + "listening there, or start Lakegate on another port, e.g. --server.port=" + (portInUse.getPort() + 1));
            }
            if (cause instanceof ContractException contract) {
                return Optional.of(contract.getMessage() + (contract.getMessage().startsWith("No data contract")
                        ? ": start Lakegate in the folder that holds contracts/ and application.yaml, or set "
                                + "--lakegate.contracts.directory=DIR"
                        : ": fix the contract and start again (java -jar lakegate.jar check FILE tries a contract first)"));
            }
            if (cause instanceof BindException && embeddedS3) {
                return Optional.of("The embedded S3 server's port (lakegate.storage.embedded.port) is already in use: stop "
                        + "the program listening there (another Lakegate on the same machine?), or start with "
                        + "--lakegate.storage.embedded.port=PORT");
            }
        }
        return Optional.empty();
    }
}
