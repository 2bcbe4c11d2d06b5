package io.lakegate.gold;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Compaction runs asked for over HTTP, as jobs: {@code POST /api/compaction} is answered at once with the job
 * (202), the run goes on in the background, and {@code GET /api/compaction/{id}} tells its state and, once it
 * ended, its report. One run at a time per replica: a job asked for while a run is under way
 * ({@link CompactionGate}) is refused (409); jobs asked for between runs queue and run one after another. This
 * replica remembers its last {@value #REMEMBERED} jobs; their runs are also in the audit (each run's report).
 */
public class CompactionJobs {

    static final int REMEMBERED = 100;

    /**
     * @param date   the one date asked for, or null for every changed date
     * @param state  {@code queued}, {@code running}, {@code finished} (the report says what each date became) or
     *               {@code failed}
     * @param report the run's report once finished
     * @param error  why the run failed, when it did
     */
    public record Job(String id, LocalDate date, String state, Instant startedAt, Instant finishedAt,
            CompactionReport report, String error) {

        public String href() {
            return "/api/compaction/" + id;
        }

        /** The date as the compaction route takes it ({@code 2024-05-01}), or null for every changed date. */
        @JsonIgnore
        public String isoDate() {
            return date == null ? null : date.toString();
        }
    }

    private final Clock clock;
    private final Map<String, Job> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > REMEMBERED;
        }
    };

    public CompactionJobs(Clock clock) {
        this.clock = clock;
    }

    /** A new job for {@code date} (blank: every changed date), queued until its run starts. */
    public synchronized Job start(String date) {
        LocalDate only = date == null || date.isBlank() ? null : parseDate(date);
        Job job = new Job(UUID.randomUUID().toString(), only, "queued", clock.instant(), null, null, null);
        jobs.put(job.id(), job);
        return job;
    }

    public synchronized Job running(Job job) {
        return update(new Job(job.id(), job.date(), "running", job.startedAt(), null, null, null));
    }

    public synchronized Job finished(Job job, CompactionReport report) {
        return update(new Job(job.id(), job.date(), "finished", job.startedAt(), clock.instant(), report, null));
    }

    public synchronized Job failed(Job job, Exception failure) {
        return update(new Job(job.id(), job.date(), "failed", job.startedAt(), clock.instant(), null,
                failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    public synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The job, or a {@link NoSuchJob} the route answers with 404. */
    public Job status(String id) {
        return find(id).orElseThrow(() -> new NoSuchJob(id));
    }

    private Job update(Job job) {
        jobs.put(job.id(), job);
        return job;
    }

    static LocalDate parseDate(String date) {
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + date + "' is not a date like 2024-05-01");
        }
    }

    /** No job of this replica has that id (any more). */
    public static final class NoSuchJob extends RuntimeException {
        NoSuchJob(String id) {
            super("No compaction job " + id + " on this replica; it keeps its last " + REMEMBERED + " jobs");
        }
    }
}
