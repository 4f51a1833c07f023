package dev.speckitty.orchestrator.core.agent;

import dev.speckitty.orchestrator.core.agent.internal.CappedText;
import dev.speckitty.orchestrator.core.agent.internal.Executables;
import dev.speckitty.orchestrator.core.agent.internal.LogSink;
import dev.speckitty.orchestrator.core.agent.internal.ProcessTrees;
import dev.speckitty.orchestrator.core.agent.internal.RunningAgents;
import dev.speckitty.orchestrator.core.agent.internal.Sessions;
import dev.speckitty.orchestrator.core.agent.internal.StreamPump;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs agent commands as real processes: argv through {@link ProcessBuilder} (never a shell), the working directory
 * given by the caller, stdout and stderr drained concurrently.
 *
 * <ul>
 *   <li><b>Process group</b>: where the {@code setsid} program exists (Linux), each agent runs in a session and
 *       process group of its own ({@code setsid <argv…>}, executed in place, so the launcher holds the agent's own
 *       pid and exit code): a Ctrl-C on the terminal does not reach agents directly, and kills also signal the
 *       whole group. Without {@code setsid} (macOS) agents share the orchestrator's process group and only the
 *       descendant snapshots below are killed. See {@link Builder#ownSession(boolean)}.
 *   <li><b>stdin</b>: the command's stdin text is written to a temporary file readable only by the user, handed to
 *       the child as its stdin and deleted when the run ends (no pipe-writing race when many agents start at once);
 *       without stdin text the child reads the null device.
 *   <li><b>Output</b>: every line goes, as it arrives and with secrets masked by a {@link SecretRedactor}, to the log
 *       file (parent directories created, permissions {@code rw-------} on POSIX file systems); stderr lines are
 *       prefixed {@code [stderr] }. The returned {@link AgentRunOutput} holds the unmasked text, capped in memory:
 *       the first and the last {@code outputCapChars} characters of each stream are kept. Malformed UTF-8 becomes
 *       U+FFFD.
 *   <li><b>Timeout and interruption</b>: SIGTERM to the whole tree (descendants are collected before anything is
 *       signalled, and snapshotted while the run lasts), a grace period, then SIGKILL to everything still alive. A
 *       timed-out run returns {@code timedOut=true}, exit code 124 and the output captured so far. An interrupted
 *       caller gets the tree killed and an {@link InterruptedException}. An optional idle-output timeout treats a
 *       run silent for that long the same way (and reports it in {@link AgentRunOutput#idleTimeout()}): the
 *       command's own {@link AgentCommand#idleTimeout()} when set (a per-agent, per-role profile), else
 *       {@link Builder#idleTimeout(Duration)}, the default for every run. A process that detaches between two
 *       snapshots (double fork) can escape, unless it stays in the agent's own process group (see above). If the agent exits while a descendant still holds its output pipes, the
 *       descendants seen so far are killed after a short drain grace.
 *   <li><b>Missing executable</b>: {@code binaryMissing=true}, never an exception. Other reasons the agent cannot
 *       start (missing working directory, log file or prompt file cannot be written) give exit code -1 with the
 *       reason on stderr, which adapters classify as a crash.
 *   <li><b>Environment</b>: inherited by default. With {@link Builder#environmentAllowList(Set)} only the listed
 *       variables (a trailing {@code *} matches a prefix) plus {@link #ALWAYS_KEPT} survive. The command's own
 *       environment is added last and always wins.
 * </ul>
 *
 * <p>Thread-safe: one launcher may run many commands concurrently.
 */
public final class ProcessAgentLauncher implements AgentLauncher {
    /** Variables kept even under an allow-list: without them tools cannot find binaries, home, locale or terminal. */
    public static final Set<String> ALWAYS_KEPT = Set.of(
            "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TERM", "TMPDIR",
            "TZ", "SYSTEMROOT", "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "TEMP", "TMP");

    /** Exit code reported for a run killed at its timeout, as {@code timeout(1)} does. */
    public static final int TIMEOUT_EXIT_CODE = 124;

    private static final Logger LOG = LoggerFactory.getLogger(ProcessAgentLauncher.class);
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofMillis(250);
    private static final int MAX_LOGGED_ARG = 200;

    private final Map<String, String> baseEnvironment;
    private final Set<String> allowList;
    private final int outputCapChars;
    private final Duration killGrace;
    private final Duration drainGrace;
    private final Duration idleTimeout;
    private final Path tempDirectory;
    private final boolean ownSession;

    private ProcessAgentLauncher(Builder b) {
        this.baseEnvironment = Map.copyOf(b.baseEnvironment);
        this.allowList = b.allowList == null ? null : Set.copyOf(b.allowList);
        this.outputCapChars = b.outputCapChars;
        this.killGrace = b.killGrace;
        this.drainGrace = b.drainGrace;
        this.idleTimeout = b.idleTimeout;
        this.tempDirectory = b.tempDirectory;
        this.ownSession = b.ownSession;
    }

    /**
     * Returns a launcher with the defaults: inherited environment, 1 Mi characters kept at each end of each stream,
     * 5 s kill grace.
     *
     * @return the launcher
     */
    public static ProcessAgentLauncher create() {
        return builder().build();
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
     * Kills at once (SIGKILL, no grace) every agent process tree, and its process group, that any launcher of this
     * JVM is running. For exits that cannot wait for the normal termination (a second Ctrl-C, an emergency halt): the
     * runs concerned then return as if their process had crashed. The same is done by a JVM shutdown hook that the
     * first agent run installs, so agents in a session of their own do not outlive an orchestrator that exits.
     * Thread-safe.
     *
     * @return how many agent runs were killed
     */
    public static int killRunningAgents() {
        return RunningAgents.killAll();
    }

    /**
     * Computes the environment a command would get: the base environment filtered by the allow-list, then the
     * command's extra variables.
     *
     * @param extra the command's variables; not null
     * @return a new mutable map
     */
    public Map<String, String> environmentFor(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        baseEnvironment.forEach((k, v) -> {
            if (allowList == null || allowed(k)) {
                env.put(k, v);
            }
        });
        env.putAll(extra);
        return env;
    }

    private boolean allowed(String name) {
        if (ALWAYS_KEPT.contains(name)) {
            return true;
        }
        for (String entry : allowList) {
            if (entry.endsWith("*") ? name.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AgentRunOutput run(AgentCommand command, Path workingDirectory, Duration timeout, Path logFile)
            throws InterruptedException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(logFile, "logFile");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Map<String, String> env = environmentFor(command.environment());
        SecretRedactor redactor = SecretRedactor.forEnvironment(env);
        Instant started = Instant.now();
        long startNanos = System.nanoTime();

        OutputStream logOut;
        try {
            logOut = openLog(logFile);
        } catch (IOException e) {
            // Not started: running without a log would lose the transcript.
            return notStarted("cannot create the agent log file " + logFile + ": " + e, startNanos);
        }
        try (LogSink log = new LogSink(logOut, redactor::redact)) {
            writeHeader(log, command, workingDirectory, started);
            if (!Files.isDirectory(workingDirectory)) {
                String msg = "working directory does not exist or is not a directory: " + workingDirectory;
                log.line("", "=== not started: " + msg + " ===");
                return notStarted(msg, startNanos);
            }
            Path stdinFile = null;
            try {
                List<String> argv = resolveArgv0(command.argv(), env);
                boolean grouped = ownSession && Sessions.setsid().isPresent();
                if (grouped && Executables.find(argv.get(0), env.get("PATH"), env.get("PATHEXT")).isEmpty()) {
                    // setsid itself would start and then fail to exec: report what start() would have reported
                    return missingBinary(command, log, "No such file or not executable", startNanos);
                }
                ProcessBuilder pb = new ProcessBuilder(Sessions.wrap(argv, grouped))
                        .directory(workingDirectory.toFile());
                pb.environment().clear();
                pb.environment().putAll(env);
                if (command.stdin().isPresent()) {
                    stdinFile = writeStdinFile(command.stdin().get());
                    pb.redirectInput(stdinFile.toFile());
                } else {
                    pb.redirectInput(nullDevice());
                }
                return execute(pb, command, log, timeout, startNanos, grouped);
            } catch (IOException e) {
                // Only the stdin temp file can fail here (start() failures are handled in execute).
                String msg = "cannot write the prompt to a temporary file: " + e;
                log.line("", "=== not started: " + msg + " ===");
                return notStarted(msg, startNanos);
            } finally {
                deleteQuietly(stdinFile);
            }
        }
    }

    /** A run that never started for a local reason (not a missing binary): exit -1 and the reason on stderr. */
    private static AgentRunOutput notStarted(String reason, long startNanos) {
        LOG.warn("agent not started: {}", reason);
        return AgentRunOutput.builder().exitCode(-1).stdout("").stderr(reason).duration(elapsed(startNanos)).build();
    }

    private static AgentRunOutput missingBinary(AgentCommand command, LogSink log, String reason, long startNanos) {
        String msg = "cannot start " + command.argv().get(0) + ": " + reason;
        log.line("", "=== not started: " + msg + " ===");
        return AgentRunOutput.builder()
                .exitCode(127)
                .stdout("")
                .stderr(msg)
                .binaryMissing(true)
                .duration(elapsed(startNanos))
                .build();
    }

    private AgentRunOutput execute(ProcessBuilder pb, AgentCommand command, LogSink log, Duration timeout,
            long startNanos, boolean grouped) throws InterruptedException {
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return missingBinary(command, log, e.getMessage(), startNanos);
        }
        // setsid executes the agent in place (a JVM child never leads a group), so this pid is the agent's and it
        // leads its own process group.
        OptionalLong group = grouped ? OptionalLong.of(process.pid()) : OptionalLong.empty();
        LOG.debug("started {} (pid {}{})", command.argv().get(0), process.pid(),
                grouped ? ", own session" : "");
        CappedText out = new CappedText(outputCapChars);
        CappedText err = new CappedText(outputCapChars);
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        Thread outPump = pump(new StreamPump(process.getInputStream(), out, log, "", lastActivity), "stdout", process);
        Thread errPump = pump(new StreamPump(process.getErrorStream(), err, log, "[stderr] ", lastActivity),
                "stderr", process);
        Duration idleLimit = command.idleTimeout().orElse(idleTimeout);
        Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
        ProcessHandle handle = process.toHandle();
        RunningAgents.Tracked tracked = RunningAgents.track(handle, seen, group);
        try {
            boolean timedOut = false;
            boolean idle = false;
            long deadline = startNanos + timeout.toNanos();
            // Snapshot often at first (short-lived helpers), then every SNAPSHOT_INTERVAL.
            long interval = TimeUnit.MILLISECONDS.toNanos(10);
            try {
                while (true) {
                    long now = System.nanoTime();
                    long left = deadline - now;
                    if (left <= 0) {
                        timedOut = true;
                        break;
                    }
                    if (idleLimit != null && now - lastActivity.get() >= idleLimit.toNanos()) {
                        timedOut = true;
                        idle = true;
                        break;
                    }
                    if (process.waitFor(Math.min(left, interval), TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    ProcessTrees.snapshot(handle, seen);
                    interval = Math.min(interval * 2, SNAPSHOT_INTERVAL.toNanos());
                }
            } catch (InterruptedException e) {
                ProcessTrees.terminate(handle, seen, killGrace, group);
                Thread.interrupted();
                finishPumps(outPump, errPump, seen, group);
                log.line("", "=== interrupted: process tree killed after " + elapsed(startNanos) + " ===");
                throw e;
            }
            if (timedOut) {
                ProcessTrees.terminate(handle, seen, killGrace, group);
            }
            finishPumps(outPump, errPump, seen, group);
            int exit = timedOut ? TIMEOUT_EXIT_CODE : process.exitValue();
            if (grouped && (exit == 126 || exit == 127) && err.toString().startsWith("setsid: failed to execute")) {
                // the pre-check passed but exec still failed (e.g. a bad interpreter line): as start() would report it
                return AgentRunOutput.builder().exitCode(127).stdout(out.toString()).stderr(err.toString())
                        .binaryMissing(true).duration(elapsed(startNanos)).build();
            }
            Duration duration = elapsed(startNanos);
            log.line("", "=== exit_code: " + exit + "  timed_out: " + timedOut
                    + (idle ? " (no output for " + idleLimit + ")" : "") + "  duration: " + duration
                    + droppedNote(out, err) + " ===");
            if (log.failure() != null) {
                LOG.warn("agent log incomplete: {}", log.failure().getMessage());
            }
            return AgentRunOutput.builder()
                    .exitCode(exit)
                    .stdout(out.toString())
                    .stderr(err.toString())
                    .timedOut(timedOut)
                    .idleTimeout(idle ? Optional.of(idleLimit) : Optional.empty())
                    .duration(duration)
                    .build();
        } finally {
            tracked.close();
        }
    }

    /**
     * Waits for the pumps. A background grandchild may still hold the pipes open after the agent exits; after the
     * drain grace it is killed (it was snapshotted while the agent ran), and the pumps are abandoned if even that
     * does not close the pipes.
     */
    private void finishPumps(Thread outPump, Thread errPump, Set<ProcessHandle> seen, OptionalLong group)
            throws InterruptedException {
        try {
            joinBoth(outPump, errPump, drainGrace);
            if (outPump.isAlive() || errPump.isAlive()) {
                ProcessTrees.killAll(seen, group);
                joinBoth(outPump, errPump, drainGrace);
            }
        } catch (InterruptedException e) {
            ProcessTrees.killAll(seen, group);
            throw e;
        }
        if (outPump.isAlive() || errPump.isAlive()) {
            LOG.warn("agent output streams still open after the process ended; giving up on the rest of its output");
        }
    }

    private static void joinBoth(Thread a, Thread b, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        a.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        b.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }

    private static Thread pump(StreamPump pump, String name, Process process) {
        Thread t = new Thread(pump, "agent-" + name + "-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The JDK resolves a bare executable name with this JVM's {@code PATH}; the agent's own {@code PATH} (which the
     * engine may extend, e.g. with the host's directory) must win, so the name is resolved here first. An unresolved
     * name is left as is and fails in {@code start()}, which reports it as a missing binary.
     */
    private static List<String> resolveArgv0(List<String> argv, Map<String, String> env) {
        String exe = argv.get(0);
        if (Executables.isPath(exe)) {
            return argv;
        }
        return Executables.find(exe, env.get("PATH"), env.get("PATHEXT"))
                .map(p -> {
                    List<String> copy = new ArrayList<>(argv);
                    copy.set(0, p.toString());
                    return copy;
                })
                .orElse(argv);
    }

    private static String droppedNote(CappedText out, CappedText err) {
        long d = out.dropped() + err.dropped();
        return d == 0 ? "" : "  (in-memory capture dropped " + d + " characters; this log is complete)";
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void writeHeader(LogSink log, AgentCommand command, Path cwd, Instant started) {
        String argv = command.argv().stream().map(ProcessAgentLauncher::forLog).collect(Collectors.joining(" "));
        log.line("", "=== agent run started " + started + " ===");
        log.line("", "command: " + argv);
        log.line("", "cwd: " + cwd);
        log.line("", "stdin: " + command.stdin().map(s -> "prompt (" + s.length() + " characters)")
                .orElse("null device"));
        if (!command.environment().isEmpty()) {
            log.line("", "extra environment: " + new TreeSet<>(command.environment().keySet()));
        }
        log.line("", "--- output (stderr lines prefixed [stderr]) ---");
        log.flush();
    }

    private static String forLog(String arg) {
        String a = arg.length() > MAX_LOGGED_ARG ? arg.substring(0, MAX_LOGGED_ARG) + "…(" + arg.length() + " chars)"
                : arg;
        a = a.replace("\n", "\\n");
        return a.isEmpty() || a.chars().anyMatch(c -> c == ' ' || c == '\'' || c == '"') ? "'" + a.replace("'", "'\\''") + "'"
                : a;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static OutputStream openLog(Path logFile) throws IOException {
        Path parent = logFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (posix()) {
            Set<PosixFilePermission> userOnly = PosixFilePermissions.fromString("rw-------");
            if (!Files.exists(logFile)) {
                try {
                    Files.createFile(logFile, PosixFilePermissions.asFileAttribute(userOnly));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // created meanwhile; permissions are fixed below
                }
            }
            Files.setPosixFilePermissions(logFile, userOnly);
        }
        return Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    private Path writeStdinFile(String text) throws IOException {
        FileAttribute<?>[] attrs = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path file = tempDirectory == null
                ? Files.createTempFile("spec-kitty-prompt-", ".txt", attrs)
                : Files.createTempFile(tempDirectory, "spec-kitty-prompt-", ".txt", attrs);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the temporary prompt file {}: {}", file, e.getMessage());
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
                ? "NUL" : "/dev/null");
    }

    /** Builder for {@link ProcessAgentLauncher}. Not thread-safe. */
    public static final class Builder {
        private Map<String, String> baseEnvironment = System.getenv();
        private Set<String> allowList;
        private int outputCapChars = 1024 * 1024;
        private Duration killGrace = Duration.ofSeconds(5);
        private Duration drainGrace = Duration.ofSeconds(2);
        private Duration idleTimeout;
        private Path tempDirectory;
        private boolean ownSession = true;

        private Builder() {}

        /**
         * Restricts the inherited environment to these names (a trailing {@code *} matches a prefix, e.g.
         * {@code "ANTHROPIC_*"}), plus {@link #ALWAYS_KEPT}. Without a call, the whole environment is inherited.
         *
         * @param names the allowed names; not null
         * @return this
         */
        public Builder environmentAllowList(Set<String> names) {
            this.allowList = new LinkedHashSet<>(Objects.requireNonNull(names, "names"));
            return this;
        }

        /**
         * Replaces the environment that is inherited (default: this JVM's environment). Mainly for tests and
         * embedding.
         *
         * @param environment the environment; not null
         * @return this
         */
        public Builder baseEnvironment(Map<String, String> environment) {
            this.baseEnvironment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Sets how many characters are kept in memory at each end of each stream (the log file always gets all).
         *
         * @param chars positive
         * @return this
         */
        public Builder outputCapChars(int chars) {
            if (chars <= 0) {
                throw new IllegalArgumentException("outputCapChars must be positive, got " + chars);
            }
            this.outputCapChars = chars;
            return this;
        }

        /**
         * Sets the time between SIGTERM and SIGKILL (default 5 s).
         *
         * @param grace not negative
         * @return this
         */
        public Builder killGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("killGrace must not be negative, got " + grace);
            }
            this.killGrace = grace;
            return this;
        }

        /**
         * Sets how long to wait for output streams to close after the agent exits before killing leftover
         * descendants that still hold them (default 2 s).
         *
         * @param grace positive
         * @return this
         */
        public Builder drainGrace(Duration grace) {
            if (grace == null || grace.isNegative() || grace.isZero()) {
                throw new IllegalArgumentException("drainGrace must be positive, got " + grace);
            }
            this.drainGrace = grace;
            return this;
        }

        /**
         * Kills a run that has printed nothing on stdout or stderr for this long, as if it had timed out (the run is
         * reported with {@code timedOut=true} and {@link AgentRunOutput#idleTimeout()}; the log says it was idle).
         * Off by default: some agents think silently for minutes. This is the default for every run; a command's own
         * {@link AgentCommand#idleTimeout()} replaces it for that run.
         *
         * @param idle positive
         * @return this
         */
        public Builder idleTimeout(Duration idle) {
            if (idle == null || idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + idle);
            }
            this.idleTimeout = idle;
            return this;
        }

        /**
         * Tells whether each agent gets a session and process group of its own (default true). Where the
         * {@code setsid} program exists (Linux) the agent is started as {@code setsid <argv…>}, which executes the
         * agent in place: a Ctrl-C on the terminal then reaches only the orchestrator, which decides when agents
         * die, and a kill also signals the agent's whole process group, reaching helpers that detached from the
         * process tree. Where {@code setsid} is missing (macOS, Windows) this setting has no effect and agents stay
         * in the orchestrator's process group.
         *
         * @param own whether to start agents in their own session
         * @return this
         */
        public Builder ownSession(boolean own) {
            this.ownSession = own;
            return this;
        }

        /**
         * Sets where temporary prompt files are created (default: the system temporary directory).
         *
         * @param directory an existing directory
         * @return this
         */
        public Builder tempDirectory(Path directory) {
            this.tempDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Builds the launcher.
         *
         * @return the launcher
         */
        public ProcessAgentLauncher build() {
            return new ProcessAgentLauncher(this);
        }
    }
}
