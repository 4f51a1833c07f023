package dev.speckitty.orchestrator.core.agent.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Process-tree termination: SIGTERM to the whole tree, a grace period, then SIGKILL to everything still alive. */
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
        snapshot(root, seen);
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        all.addAll(seen);
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
        for (ProcessHandle h : handles) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
