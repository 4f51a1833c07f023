package dev.speckitty.orchestrator.core.agent.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Process-tree termination: SIGTERM to the whole tree (and to its process group when it has one of its own), a grace
 * period, then SIGKILL to everything still alive.
 */
public final class ProcessTrees {
    private ProcessTrees() {}

    /**
     * Adds the current descendants of a process to a set (descendants are only reachable while the root lives, so
     * launchers snapshot them while waiting).
     *
     * @param root the root
     * @param seen the set to fill
     */
    public static void snapshot(ProcessHandle root, Set<ProcessHandle> seen) {
        try {
            root.descendants().forEach(seen::add);
        } catch (RuntimeException ignored) {
            // descendants() can fail on exotic platforms; the kill still covers the root.
        }
    }

    /**
     * Terminates a tree: collects descendants first, sends SIGTERM to all, waits up to {@code grace}, then SIGKILLs
     * whatever is alive (including descendants spawned during the grace period). Keeps the caller's interrupt
     * status; if interrupted while waiting it skips the rest of the grace period.
     *
     * @param root the root process
     * @param seen descendants seen earlier; updated
     * @param grace the grace period
     */
    public static void terminate(ProcessHandle root, Set<ProcessHandle> seen, Duration grace) {
        terminate(root, seen, grace, OptionalLong.empty());
    }

    /**
     * Terminates a tree as {@link #terminate(ProcessHandle, Set, Duration)} does and, when the root leads a process
     * group of its own, signals that whole group too (SIGTERM with the tree, SIGKILL at the end): this also reaches
     * members that detached from the tree (double fork) but stayed in the group.
     *
     * @param root the root process
     * @param seen descendants seen earlier; updated
     * @param grace the grace period
     * @param processGroup the root's own process group, if it has one
     */
    public static void terminate(ProcessHandle root, Set<ProcessHandle> seen, Duration grace,
            OptionalLong processGroup) {
        snapshot(root, seen);
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        all.addAll(seen);
        processGroup.ifPresent(g -> Sessions.signalGroup(g, "TERM"));
        all.forEach(ProcessHandle::destroy);
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (ProcessHandle h : all) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || interrupted) {
                    break;
                }
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    break;
                }
            }
        } finally {
            snapshot(root, seen);
            all.addAll(seen);
            processGroup.ifPresent(g -> Sessions.signalGroup(g, "KILL"));
            for (ProcessHandle h : all) {
                if (h.isAlive()) {
                    h.destroyForcibly();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Kills (SIGKILL) every handle that is still alive.
     *
     * @param handles the handles
     */
    public static void killAll(Set<ProcessHandle> handles) {
        killAll(handles, OptionalLong.empty());
    }

    /**
     * Kills (SIGKILL) every handle that is still alive and, if given, the whole process group.
     *
     * @param handles the handles
     * @param processGroup a process group to kill as well, if any
     */
    public static void killAll(Set<ProcessHandle> handles, OptionalLong processGroup) {
        processGroup.ifPresent(g -> Sessions.signalGroup(g, "KILL"));
        for (ProcessHandle h : handles) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
