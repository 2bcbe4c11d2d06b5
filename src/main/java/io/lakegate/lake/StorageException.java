package io.lakegate.lake;

/**
 * Storage could not be reached or answered with an error. Routes treat it as transient: the object
 * stays where it is and is retried, never decided on partial information.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
