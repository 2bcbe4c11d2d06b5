package io.lakegate.gold;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Works on a compaction's files on its workers, one task per file, and hands back their results in file order. */
final class EachFile {

    private EachFile() {
    }

    interface Task<T> {
        T apply(int index, Path file) throws IOException;
    }

    static <T> List<T> map(List<Path> files, Executor workers, Task<T> task) throws IOException {
        List<CompletableFuture<T>> tasks = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            int index = i;
            tasks.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return task.apply(index, files.get(index));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, workers));
        }
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<T> running : tasks) {
            try {
                results.add(running.join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
