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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *       {@link HostTimeoutException} thrown.
 * </ul>
 *
 * <p>Thread-safe. Close it to stop its stream-draining threads.
 */
public final class ProcessTransport implements OrchestratorTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTransport.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

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
        List<String> argv = argv(request);
        Path root = request.projectRoot().orElse(projectRoot);
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
        Future<CappedOutput> out = drainers.submit(() -> CappedOutput.read(process.getInputStream(), maxOutputBytes));
        Future<CappedOutput> err = drainers.submit(() -> CappedOutput.read(process.getErrorStream(), maxOutputBytes));
        try {
            if (!process.waitFor(request.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                throw new HostTimeoutException(request.command(), request.timeout());
            }
            CappedOutput stdout = out.get(10, TimeUnit.SECONDS);
            CappedOutput stderr = err.get(10, TimeUnit.SECONDS);
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
        } catch (ExecutionException | TimeoutException e) {
            // A grandchild kept the pipes open after the host exited; kill it rather than wait forever.
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

        static CappedOutput read(InputStream in, int cap) throws IOException {
            int half = Math.max(1, cap / 2);
            byte[] head = new byte[half];
            int headLen = 0;
            byte[] tail = new byte[half];
            int tailLen = 0;
            int tailStart = 0;
            long dropped = 0;
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
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
            }
            byte[] all = new byte[headLen + tailLen];
            System.arraycopy(head, 0, all, 0, headLen);
            for (int i = 0; i < tailLen; i++) {
                all[headLen + i] = tail[(tailStart + i) % half];
            }
            if (dropped == 0) {
                return new CappedOutput(new String(all, java.nio.charset.StandardCharsets.UTF_8), false);
            }
            String headText = new String(all, 0, headLen, java.nio.charset.StandardCharsets.UTF_8);
            String tailText = new String(all, headLen, tailLen, java.nio.charset.StandardCharsets.UTF_8);
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
