package io.lakegate.lake;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Storage could not be reached or answered with an error. Routes treat it as transient: the object
 * stays where it is and is retried, never decided on partial information, unless {@link #objectErrorCode}
 * says that retrying cannot help.
 */
public class StorageException extends RuntimeException {

    // 400 and 403 answers about the request or the service's own credentials, not the object: they pass.
    private static final Set<String> NOT_THE_OBJECTS_FAULT = Set.of("RequestTimeout", "RequestTimeTooSkewed",
            "ExpiredToken", "TokenRefreshRequired", "InvalidToken", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "SlowDown");

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The S3 error code when S3 refused this object in a way no retry changes: no permission to it or to its
     * KMS key (403 AccessDenied), an archived storage class (InvalidObjectState), a customer-provided encryption
     * key the request does not carry (400). Empty for everything else (5xx, connections, expired credentials).
     */
    public Optional<String> objectErrorCode() {
        if (!(getCause() instanceof S3Exception s3) || (s3.statusCode() != 400 && s3.statusCode() != 403)) {
            return Optional.empty();
        }
        String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
        if (code != null && NOT_THE_OBJECTS_FAULT.contains(code)) {
            return Optional.empty();
        }
        return Optional.of(code == null || code.isBlank() ? "HTTP " + s3.statusCode() : code);
    }

    /** {@link #objectErrorCode} of the first StorageException among {@code failure} and its causes. */
    public static Optional<String> objectErrorCodeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StorageException storage) {
                return storage.objectErrorCode();
            }
        }
        return Optional.empty();
    }
}
