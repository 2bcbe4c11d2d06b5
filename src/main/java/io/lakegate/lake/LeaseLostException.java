package io.lakegate.lake;

/**
 * The lease on a piece of work expired and another worker took it: this worker must stop, and must not
 * decide the work's fate either, since the new holder is doing it.
 */
public class LeaseLostException extends IllegalStateException {

    public LeaseLostException(String message) {
        super(message);
    }
}
