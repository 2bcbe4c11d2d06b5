package io.lakegate.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The most local disk one file's run may take: its Parquet parts before upload, its rejected rows and its date
 * spill, which are the files in the work folder named after its run id. What they hold on disk is summed when
 * asked (after each batch, and during the commit), so whatever writes them is counted, on whichever thread.
 */
final class WorkFolderBudget {

    private final Path directory;
    private final String prefix;
    private final long limitBytes;

    WorkFolderBudget(Path directory, String runId, long limitBytes) {
        this.directory = directory;
        this.prefix = runId + "-";
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }

    /** Bytes the run's files hold now; a file removed while they are summed (an uploaded part) counts nothing. */
    long used() {
        long used = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, file -> file.getFileName().toString().startsWith(prefix))) {
            for (Path file : files) {
                try {
                    used += Files.size(file);
                } catch (NoSuchFileException e) {
                    // uploaded and deleted meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure the work folder " + directory + ": " + e.getMessage(), e);
        }
        return used;
    }

    /**
     * Throws once the run's files hold more than the budget.
     *
     * @param line  the line the run has read to
     * @param stage what the run was doing, for the message (e.g. "reading")
     */
    void check(long line, String stage) {
        long used = used();
        if (used > limitBytes) {
            throw new ExceededException(used, limitBytes, line, stage);
        }
    }

    /** A run's local files outgrew the budget: the file is refused as {@code work_folder_budget_exceeded}. */
    static final class ExceededException extends RuntimeException {
        private final long usedBytes;
        private final long limitBytes;
        private final long line;

        ExceededException(long usedBytes, long limitBytes, long line, String stage) {
            super(String.format(Locale.ROOT, "By line %d (%s), this file's Parquet parts, rejected rows and date spill held %s"
                    + " in the local work folder, more than lakegate.processing.work-folder-budget (%s) allows. The file is"
                    + " refused whole and nothing of it was published; a larger budget (and disk behind"
                    + " lakegate.processing.work-directory) would let it through, or the file sent in smaller pieces.",
                    line, stage, String.format(Locale.ROOT, "%,d bytes", usedBytes), size(limitBytes)));
            this.usedBytes = usedBytes;
            this.limitBytes = limitBytes;
            this.line = line;
        }

        long usedBytes() {
            return usedBytes;
        }

        long limitBytes() {
            return limitBytes;
        }

        long line() {
            return line;
        }
    }

    /** Bytes as a person reads them, in the binary units Spring's DataSize takes ("2GB" is 2 GiB). */
    static String size(long bytes) {
        String[] units = {"GB", "MB", "KB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (3 - i));
            if (bytes >= unit) {
                double value = (double) bytes / unit;
                return value == Math.rint(value) ? String.format(Locale.ROOT, "%d %s", (long) value, units[i])
                        : String.format(Locale.ROOT, "%.1f %s", value, units[i]);
            }
        }
        return bytes + " bytes";
    }
}
