package dev.speckitty.orchestrator.core.agent.internal;

import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every agent process tree a launcher of this JVM is running, so that an exit that cannot wait for the normal
 * termination (a shutdown hook, an emergency halt) can still kill them. Agents in a session of their own no longer get
 * the terminal's Ctrl-C, so without this they could outlive an orchestrator that exits abruptly.
 */
public final class RunningAgents {
    private static final Set<Tracked> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private RunningAgents() {}

    /** One running agent; {@link #close()} forgets it (idempotent). */
    public static final class Tracked implements AutoCloseable {
        private final ProcessHandle root;
        private final Set<ProcessHandle> seen;
        private final OptionalLong group;

        private Tracked(ProcessHandle root, Set<ProcessHandle> seen, OptionalLong group) {
            this.root = root;
            this.seen = seen;
            this.group = group;
        }

        @Override
        public void close() {
            RUNNING.remove(this);
        }

        private void kill() {
            if (root.isAlive()) {
                ProcessTrees.snapshot(root, seen);
            }
            ProcessTrees.killAll(seen, group);
            if (root.isAlive()) {
                root.destroyForcibly();
            }
        }
    }

    /**
     * Starts tracking a running agent; the first call installs a JVM shutdown hook that kills whatever is still
     * tracked.
     *
     * @param root the agent process
     * @param seen its descendants as snapshotted by the launcher (live view)
     * @param group its own process group, if it has one
     * @return the handle to close when the run has ended
     */
    public static Tracked track(ProcessHandle root, Set<ProcessHandle> seen, OptionalLong group) {
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(RunningAgents::killAll, "agent-process-reaper"));
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: nothing new should start, and the caller's own kill still applies
            }
        }
        Tracked t = new Tracked(root, seen, group);
        RUNNING.add(t);
        return t;
    }

    /**
     * Kills (SIGKILL, no grace) every tracked agent tree and group. Safe from any thread, including shutdown hooks.
     *
     * @return how many agents were still tracked
     */
    public static int killAll() {
        int n = 0;
        for (Tracked t : RUNNING) {
            t.kill();
            RUNNING.remove(t);
            n++;
        }
        return n;
    }
}
