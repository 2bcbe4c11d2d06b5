package io.lakegate.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the process while the bench times something: the peak of used heap (the JVM only keeps per-pool
 * peaks), and where the CPU went, by thread. Threads that end on the way (a file's Parquet writer) are counted
 * up to their last sample.
 */
final class ResourceWatcher {

    private static final long SAMPLE_MILLIS = 20;
    private static final long CPU_SAMPLE_EVERY = 5;

    private final AtomicLong peakHeap = new AtomicLong();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuAtStart = new HashMap<>();
    private final Map<Long, Long> cpuNow = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private long processCpuAtStart;
    private long processCpu;
    private long jitMillisAtStart;
    private long jitMillis;
    private volatile boolean running;
    private Thread thread;

    void start() {
        processCpuAtStart = processCpuNanos();
        jitMillisAtStart = jitMillisSoFar();
        sampleThreads(cpuAtStart);
        running = true;
        thread = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            for (long tick = 0; running; tick++) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (tick % CPU_SAMPLE_EVERY == 0) {
                    sampleThreads(cpuNow);
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "resource-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
        sampleThreads(cpuNow);
        processCpu = processCpuNanos() - processCpuAtStart;
        jitMillis = jitMillisSoFar() - jitMillisAtStart;
    }

    long peakHeapBytes() {
        return peakHeap.get();
    }

    double cpuSeconds() {
        return processCpu / 1e9;
    }

    /** Time the JIT compilers spent, a start-up cost that a long-running service pays once. */
    double jitSeconds() {
        return jitMillis / 1e3;
    }

    /**
     * CPU seconds by part of the service: the file's reading thread (CSV, typing, rules), its Parquet writer,
     * the embedded S3 server, other Java threads, and the JVM's own threads (JIT compilers, garbage collector).
     */
    Map<String, Double> cpuByPart() {
        Map<String, Double> parts = new LinkedHashMap<>();
        for (String part : new String[] {"reading", "parquet", "s3", "other", "jvm"}) {
            parts.put(part, 0.0);
        }
        double javaThreads = 0;
        synchronized (cpuNow) {
            for (Map.Entry<Long, Long> entry : cpuNow.entrySet()) {
                double seconds = (entry.getValue() - cpuAtStart.getOrDefault(entry.getKey(), 0L)) / 1e9;
                parts.merge(partOf(names.get(entry.getKey())), seconds, Double::sum);
                javaThreads += seconds;
            }
        }
        parts.put("jvm", Math.max(0, cpuSeconds() - javaThreads));
        return parts;
    }

    private static String partOf(String threadName) {
        String name = threadName == null ? "" : threadName.toLowerCase(Locale.ROOT);
        if (name.contains("- seda://ingest-queue")) {
            return "reading";
        }
        if (name.endsWith("- parquet-writer")) {
            return "parquet";
        }
        return name.startsWith("s3proxy") ? "s3" : "other";
    }

    private void sampleThreads(Map<Long, Long> into) {
        synchronized (cpuNow) {
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    into.put(info.getThreadId(), cpu);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** Waits (up to a minute) until a second passes with almost no JIT compilation; returns the nanoseconds waited. */
    static long awaitCompilersIdle() throws InterruptedException {
        long start = System.nanoTime();
        if (compiler() == null) {
            return 0;
        }
        long compiled = jitMillisSoFar();
        while (System.nanoTime() - start < Duration.ofMinutes(1).toNanos()) {
            Thread.sleep(1000);
            long now = jitMillisSoFar();
            if (now - compiled < 20) {
                break;
            }
            compiled = now;
        }
        return System.nanoTime() - start;
    }

    private static long jitMillisSoFar() {
        CompilationMXBean jit = compiler();
        return jit == null ? 0 : jit.getTotalCompilationTime();
    }

    /** The JIT compilers' bean, or null when this JVM does not time them. */
    private static CompilationMXBean compiler() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit : null;
    }
}
