package io.lakegate.observe;

import io.lakegate.lake.LogSafe;
import org.slf4j.MDC;

/**
 * Puts the file being worked on (and, once processing has given it one, its ingest run id) on every log line
 * of the thread doing that work, so one file can be followed through JSON logs. A file's work spans several
 * route steps on one thread: the step that starts it calls {@link #file}, the steps that decide it call {@link #end}.
 */
public final class FileLogContext {

    public static final String FILE_KEY = "file_key";
    public static final String INGEST_RUN_ID = "ingest_run_id";

    private FileLogContext() {
    }

    /**
     * From now on this thread works on {@code key}; whatever it worked on before is forgotten. Escaped, because
     * a plain-text log pattern may print the MDC ({@code %X}) as it is.
     */
    public static void file(String key) {
        MDC.put(FILE_KEY, LogSafe.key(key));
        MDC.remove(INGEST_RUN_ID);
    }

    public static void run(String ingestRunId) {
        MDC.put(INGEST_RUN_ID, ingestRunId);
    }

    public static void end() {
        MDC.remove(FILE_KEY);
        MDC.remove(INGEST_RUN_ID);
    }
}
