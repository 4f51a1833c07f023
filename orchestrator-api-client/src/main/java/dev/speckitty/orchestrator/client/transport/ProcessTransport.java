package dev.speckitty.orchestrator.client.transport;

import dev.speckitty.orchestrator.client.error.HostNotFoundException;
import dev.speckitty.orchestrator.client.error.HostTimeoutException;
import dev.speckitty.orchestrator.client.error.TransportFailureException;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code <executable> orchestrator-api <command> --option=value …} as a child process.
 *
 * <ul>
 *   <li>an argv array, never a shell; every valued option is one {@code --name=value} element, so no value can be
 *       read as another option;
 *   <li>working directory and {@code SPECIFY_REPO_ROOT} at the project root; {@code SPEC_KITTY_NO_NAG=1}; stdin
 *       closed;
 *   <li>stdout and stderr drained concurrently, each capped (the head and the tail are kept, so the envelope on
 *       stdout's last line survives a flood of output);
 *   <li>every call bounded by {@link TransportRequest#timeout()}; on expiry the whole process tree is killed and
 *       {@link HostTimeoutException} thrown;
 *   <li>after the host exits, at most 2 s more for its output to end: a background process it left behind may hold
 *       the pipes open, and then the output read so far (with the envelope) is used.
 * </ul>
 *
 * <p>Thread-safe. Close it to stop its stream-draining threads.
 */
public final class ProcessTransport implements OrchestratorTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTransport.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long to wait for end-of-output after the host exited (a leftover background process may hold it). */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final String executable;
    private final Path projectRoot;
    private final Map<String, String> environment;
    private final int maxOutputBytes;
    private final ExecutorService drainers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "spec-kitty-transport-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private ProcessTransport(Builder b) {
        this.executable = b.executable;
        this.projectRoot = b.projectRoot;
        this.environment = Map.copyOf(b.environment);
        this.maxOutputBytes = b.maxOutputBytes;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the argv this transport runs for a request: the executable, {@code orchestrator-api}, the subcommand,
     * then {@code --name=value} for valued options and {@code --name} for flags, in request order.
     *
     * @param request the request
     * @return the argv, never passed through a shell
     */
    public List<String> argv(TransportRequest request) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        argv.add("orchestrator-api");
        argv.add(request.command());
        for (TransportOption option : request.options()) {
            argv.add(option.value().map(v -> "--" + option.name() + "=" + v).orElse("--" + option.name()));
        }
        return argv;
    }

    @Override
    public TransportResponse execute(TransportRequest request) {
        if (drainers.isShutdown()) {
            throw new IllegalStateException("this ProcessTransport is closed; build a new one (or a new client)");
        }
        List<String> argv = argv(request);
        Path root = request.projectRoot().orElse(projectRoot);
        if (!Files.isDirectory(root)) {
            // otherwise the start failure would read like a missing executable
            throw new TransportFailureException("the project root " + root + " is not a directory; set the project"
                    + " root to the directory that holds kitty-specs/", null);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("running {} in {}", redact(argv), root);
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile());
        pb.environment().putAll(environment);
        pb.environment().put("SPECIFY_REPO_ROOT", root.toString());
        pb.environment().putIfAbsent("SPEC_KITTY_NO_NAG", "1");
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new HostNotFoundException(executable, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the host never reads stdin; a close failure changes nothing
        }
        Drain out = new Drain(process.getInputStream(), maxOutputBytes);
        Drain err = new Drain(process.getErrorStream(), maxOutputBytes);
        try {
            drainers.execute(out);
            drainers.execute(err);
        } catch (RejectedExecutionException e) {
            killTree(process); // closed concurrently: never leave the host running unobserved
            throw new IllegalStateException("this ProcessTransport was closed during the call", e);
        }
        try {
            if (!process.waitFor(request.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                throw new HostTimeoutException(request.command(), request.timeout());
            }
            // The host has exited; its output is (nearly) all read. A background process it left behind may still
            // hold the pipes open: wait briefly for end-of-stream, then keep what was read rather than lose the
            // envelope.
            long graceEnd = System.nanoTime() + DRAIN_GRACE.toNanos();
            boolean complete = out.await(graceEnd - System.nanoTime()) & err.await(graceEnd - System.nanoTime());
            if (!complete) {
                killTree(process);
                LOG.warn("orchestrator-api {} exited but a process it started still holds its output open;"
                        + " using the output read so far", request.command());
            }
            CappedOutput stdout = out.snapshot();
            CappedOutput stderr = err.snapshot();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            LOG.debug("{} exited {} after {} ms", request.command(), process.exitValue(), elapsed.toMillis());
            return TransportResponse.builder()
                    .exitCode(process.exitValue())
                    .stdout(stdout.text())
                    .stderr(stderr.text())
                    .stdoutTruncated(stdout.truncated())
                    .stderrTruncated(stderr.truncated())
                    .elapsed(elapsed)
                    .build();
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new TransportFailureException("interrupted while running orchestrator-api " + request.command()
                    + "; it may or may not have taken effect, so re-read the mission state before retrying", e);
        } catch (IOException e) {
            killTree(process);
            throw new TransportFailureException("could not read the output of orchestrator-api " + request.command()
                    + ": " + e.getMessage() + "; it may or may not have taken effect, so re-read the mission state"
                    + " before retrying", e);
        }
    }

    /**
     * Kills a process and every descendant, children first collected so that none escapes by re-parenting.
     *
     * @param process the process
     */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = new ArrayList<>();
        process.descendants().forEach(descendants::add);
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> redact(List<String> argv) {
        List<String> copy = new ArrayList<>(argv.size());
        for (String arg : argv) {
            copy.add(arg.startsWith("--policy=") ? "--policy=<redacted>" : arg);
        }
        return copy;
    }

    @Override
    public String name() {
        return "process:" + executable;
    }

    @Override
    public void close() {
        drainers.shutdownNow();
    }

    /** Output kept from one stream: the head and the tail when it exceeded the cap. */
    static final class CappedOutput {
        private final String text;
        private final boolean truncated;

        private CappedOutput(String text, boolean truncated) {
            this.text = text;
            this.truncated = truncated;
        }

        String text() {
            return text;
        }

        boolean truncated() {
            return truncated;
        }

    }

    /**
     * Reads one stream to its end, keeping its first and last {@code cap / 2} bytes. A snapshot can be taken at any
     * time, so output is not lost to a stream that a leftover background process keeps open.
     */
    static final class Drain implements Runnable {
        private final InputStream in;
        private final int half;
        private final byte[] head;
        private final byte[] tail;
        private int headLen;
        private int tailLen;
        private int tailStart;
        private long dropped;
        private IOException failure;
        private final CountDownLatch done = new CountDownLatch(1);

        Drain(InputStream in, int cap) {
            this.in = in;
            this.half = Math.max(1, cap / 2);
            this.head = new byte[half];
            this.tail = new byte[half];
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    append(buf, n);
                }
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                }
            } finally {
                done.countDown();
            }
        }

        private synchronized void append(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                if (headLen < half) {
                    head[headLen++] = buf[i];
                } else if (tailLen < half) {
                    tail[(tailStart + tailLen++) % half] = buf[i];
                } else {
                    tail[tailStart] = buf[i];
                    tailStart = (tailStart + 1) % half;
                    dropped++;
                }
            }
        }

        /** Waits for end-of-stream; returns whether it came. */
        boolean await(long nanos) throws InterruptedException {
            return done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }

        /** Returns what was read so far: the whole text, or its head and tail around a marker. */
        synchronized CappedOutput snapshot() throws IOException {
            if (failure != null) {
                throw failure;
            }
            byte[] tailBytes = new byte[tailLen];
            for (int i = 0; i < tailLen; i++) {
                tailBytes[i] = tail[(tailStart + i) % half];
            }
            if (dropped == 0) {
                byte[] all = new byte[headLen + tailLen];
                System.arraycopy(head, 0, all, 0, headLen);
                System.arraycopy(tailBytes, 0, all, headLen, tailLen);
                return new CappedOutput(new String(all, StandardCharsets.UTF_8), false);
            }
            String headText = new String(head, 0, headLen, StandardCharsets.UTF_8);
            String tailText = new String(tailBytes, StandardCharsets.UTF_8);
            return new CappedOutput(headText + "\n[... " + dropped + " bytes dropped ...]\n" + tailText, true);
        }
    }

    /** Builder for {@link ProcessTransport}. Not thread-safe. */
    public static final class Builder {
        private String executable = "spec-kitty";
        private Path projectRoot = Path.of("").toAbsolutePath();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private int maxOutputBytes = 8 * 1024 * 1024;

        private Builder() {}

        /**
         * Sets the executable: a name looked up on {@code PATH} or a path. Default {@code spec-kitty}.
         *
         * @param executable the executable
         * @return this builder
         */
        public Builder executable(String executable) {
            this.executable = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /**
         * Sets the default project root (requests may carry their own).
         *
         * @param projectRoot the directory holding {@code kitty-specs/}
         * @return this builder
         */
        public Builder projectRoot(Path projectRoot) {
            this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot").toAbsolutePath().normalize();
            return this;
        }

        /**
         * Adds an environment variable for the host process.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets how many bytes of each stream are kept (head and tail halves). Default 8 MiB.
         *
         * @param maxOutputBytes a positive byte count
         * @return this builder
         */
        public Builder maxOutputBytes(int maxOutputBytes) {
            if (maxOutputBytes < 2) {
                throw new IllegalArgumentException("maxOutputBytes must be at least 2, got " + maxOutputBytes);
            }
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return the transport
         */
        public ProcessTransport build() {
            return new ProcessTransport(this);
        }
    }
}
