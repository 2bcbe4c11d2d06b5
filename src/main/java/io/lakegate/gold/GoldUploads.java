package io.lakegate.gold;

import io.lakegate.lake.LakeStorage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Uploads a run's gold files as the compactor finishes them, while other groups of days are still being compacted,
 * and describes each one for the commit. A run waits for all of them before it commits, and before a failed run
 * removes what it uploaded, so no upload lands after the clean-up.
 */
final class GoldUploads {

    private static final String PARQUET = "application/vnd.apache.parquet";

    private final GoldCommit commit;
    private final LakeStorage storage;
    private final Executor uploaders;
    private final List<CompletableFuture<Void>> running = new ArrayList<>();
    private final Map<LocalDate, List<String>> keysByDay = new TreeMap<>();

    GoldUploads(GoldCommit commit, LakeStorage storage, Executor uploaders) {
        this.commit = commit;
        this.storage = storage;
        this.uploaders = uploaders;
    }

    /** Adds the file to the commit and starts uploading it; called from the compactor's threads. */
    synchronized void start(GoldFile file) throws IOException {
        String key = commit.add(file);
        keysByDay.computeIfAbsent(file.day(), day -> new ArrayList<>()).add(key);
        running.add(CompletableFuture.runAsync(() -> storage.upload(key, file.path(), PARQUET), uploaders));
    }

    /** Waits for every upload started; throws the first failure. */
    void finish() {
        RuntimeException failure = null;
        for (CompletableFuture<Void> upload : started()) {
            try {
                upload.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for every upload started, whether it worked or not: the run failed already. */
    void awaitQuietly() {
        try {
            finish();
        } catch (RuntimeException e) {
            // the run's own failure is the one reported
        }
    }

    /** The keys uploaded, by partition day. */
    synchronized Map<LocalDate, List<String>> keysByDay() {
        return keysByDay;
    }

    private synchronized List<CompletableFuture<Void>> started() {
        return List.copyOf(running);
    }
}
