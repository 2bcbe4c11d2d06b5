package io.lakegate.process;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, with its failure rethrown on the waiting one as it was raised. */
final class AsyncWork {

    private AsyncWork() {
    }

    /** @param activity what the work does, for the messages: "writing Parquet for validated/x.csv" */
    static void await(Future<?> work, String activity) throws IOException {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while " + activity);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(activity.substring(0, 1).toUpperCase(Locale.ROOT) + activity.substring(1) + " failed: "
                    + cause, cause);
        }
    }
}
