package dev.speckitty.orchestrator.core.agent.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting agents in a session (and process group) of their own, and signalling that group.
 *
 * <p>The JDK cannot call {@code setsid(2)} for a child, so where the {@code setsid} program exists (Linux
 * util-linux) the agent's argv is prefixed with it. A child of the JVM is never a process-group leader, so
 * {@code setsid} creates the new session and then executes the agent in place: the pid the launcher holds is the
 * agent's, and exit code, stdin, environment and working directory pass through unchanged. Where {@code setsid} is
 * missing (macOS, Windows) agents stay in the JVM's process group, as before. Both programs are looked up once, on
 * this JVM's {@code PATH} plus the usual system directories, and cached.
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final String SYSTEM_DIRS = "/usr/bin:/bin:/usr/sbin:/sbin";
    private static volatile Optional<Path> setsid;
    private static volatile Optional<Path> kill;

    private Sessions() {}

    /**
     * Returns the {@code setsid} program, looked up once.
     *
     * @return its absolute path, or empty where it does not exist
     */
    public static Optional<Path> setsid() {
        Optional<Path> s = setsid;
        if (s == null) {
            s = lookup("setsid");
            setsid = s;
            if (s.isEmpty()) {
                LOG.debug("no setsid program: agents share the orchestrator's process group");
            }
        }
        return s;
    }

    /**
     * Prefixes an argv with {@code setsid} when it is available and the caller wants it.
     *
     * @param argv the agent's argv (element 0 resolved)
     * @param wanted whether the launcher is configured to give agents their own session
     * @return the argv to start; the same list when not prefixed
     */
    public static List<String> wrap(List<String> argv, boolean wanted) {
        Optional<Path> s = wanted ? setsid() : Optional.empty();
        if (s.isEmpty()) {
            return argv;
        }
        List<String> out = new ArrayList<>(argv.size() + 1);
        out.add(s.get().toString());
        out.addAll(argv);
        return out;
    }

    /**
     * Sends a signal to a whole process group with the {@code kill} program ({@code kill -s SIG -- -pgid}): this
     * reaches members that left the tree (double fork) but stayed in the group. Best effort; never throws.
     *
     * @param processGroup the group id (the agent's pid when it was started through {@link #wrap})
     * @param signal {@code TERM} or {@code KILL}
     */
    public static void signalGroup(long processGroup, String signal) {
        Optional<Path> k = killProgram();
        if (k.isEmpty() || processGroup <= 1) {
            return;
        }
        try {
            Process p = new ProcessBuilder(k.get().toString(), "-s", signal, "--", "-" + processGroup)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (java.io.IOException e) {
            LOG.debug("cannot signal process group {}: {}", processGroup, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> killProgram() {
        Optional<Path> k = kill;
        if (k == null) {
            k = lookup("kill");
            kill = k;
        }
        return k;
    }

    private static Optional<Path> lookup(String name) {
        if (java.io.File.separatorChar == '\\') {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        return Executables.find(name, (path == null || path.isBlank() ? "" : path + ":") + SYSTEM_DIRS, null);
    }
}
