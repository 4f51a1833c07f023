package dev.speckitty.orchestrator.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent processes that an orchestrator killed with SIGKILL (or a crash) left running on a mission. The engine starts
 * agents as child processes; when the orchestrator dies without its shutdown handling they keep working in the WP's
 * workspace, and a {@code resume} would start a second implementation (or review) of the same WP in the same
 * worktree while they are still there. The new holder of the mission lock finds them by the environment the engine
 * gives every agent ({@code SPEC_KITTY_REPO_ROOT} and {@code SPEC_KITTY_MISSION}) and stops them (whole trees,
 * SIGTERM, then SIGKILL after a grace period) before the engine starts. Their uncommitted work is redone by the
 * engine; committed work stays on the lane branch.
 *
 * <p>Reading another process's environment needs Linux {@code /proc/<pid>/environ} (readable for the same user);
 * elsewhere nothing is found and a debug line says so.
 */
final class OrphanAgents {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanAgents.class);
    private static final Path PROC = Path.of("/proc");

    /**
     * One orphaned agent.
     *
     * @param handle the process
     * @param wp the WP it works on ({@code SPEC_KITTY_WP_ID}), "?" when unset
     * @param role its role ({@code SPEC_KITTY_ROLE}), "?" when unset
     */
    record Orphan(ProcessHandle handle, String wp, String role) {
        String describe() {
            return wp + " " + role + " (pid " + handle.pid() + ")";
        }
    }

    private OrphanAgents() {
    }

    /**
     * Finds the live agent processes of a mission in a project that are not descendants of this process. Only the
     * top of each tree is returned (an agent's own children are stopped with it).
     *
     * @param root the project root the engine gave the agents
     * @param mission the mission selector the engine gave the agents
     * @return the orphans, empty when none or when process environments cannot be read on this system
     */
    static List<Orphan> find(Path root, String mission) {
        return find(root, mission, ours());
    }

    /** This process, its descendants and its ancestors: never orphans, whatever their environment says. */
    private static Set<Long> ours() {
        Set<Long> ours = new HashSet<>();
        ours.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(h -> ours.add(h.pid()));
        for (Optional<ProcessHandle> p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
            if (!ours.add(p.get().pid())) {
                break;
            }
        }
        return ours;
    }

    /**
     * Finds the host calls ({@code orchestrator-api <command> --mission=<mission> ...}) on a mission in a project
     * that are not ours: calls a killed orchestrator started, still finishing their change. They are left to finish
     * (stopping a host in the middle of a change is worse); the caller waits for them so that the engine reads the
     * host state after their change.
     *
     * @param root the project root ({@code SPECIFY_REPO_ROOT} of the call)
     * @param mission the mission selector
     * @return the calls still running, empty when none or when environments cannot be read here
     */
    static List<ProcessHandle> hostCalls(Path root, String mission) {
        return hostCalls(root, mission, ours());
    }

    static List<ProcessHandle> hostCalls(Path root, String mission, Set<Long> excluded) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        Set<String> roots = roots(root);
        String missionArg = "--mission=" + mission;
        return ProcessHandle.allProcesses().filter(h -> !excluded.contains(h.pid())).filter(h -> {
            List<String> argv = arguments(h.pid());
            if (!argv.contains("orchestrator-api") || !argv.contains(missionArg)) {
                return false;
            }
            String r = environment(h.pid()).get("SPECIFY_REPO_ROOT");
            return r != null && (roots.contains(r) || roots.contains(Path.of(r).toAbsolutePath().normalize()
                    .toString()));
        }).toList();
    }

    /**
     * Waits until every process has ended, at most {@code limit}.
     *
     * @param processes the processes
     * @param limit the longest wait
     * @return whether all ended
     */
    static boolean awaitEnd(List<ProcessHandle> processes, Duration limit) {
        return awaitExit(processes, limit);
    }

    private static Set<String> roots(Path root) {
        Set<String> roots = new HashSet<>();
        roots.add(root.toAbsolutePath().normalize().toString());
        try {
            roots.add(root.toRealPath().toString());
        } catch (IOException e) {
            // the absolute form is enough
        }
        return roots;
    }

    /** A process's argv from {@code /proc/<pid>/cmdline}; empty when unreadable. */
    private static List<String> arguments(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return List.of(new String(bytes, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    static List<Orphan> find(Path root, String mission, Set<Long> excluded) {
        if (!Files.isDirectory(PROC)) {
            LOG.debug("no /proc on this system: cannot look for agents left running by a killed orchestrator");
            return List.of();
        }
        Set<String> roots = roots(root);
        Map<Long, Orphan> found = new LinkedHashMap<>();
        ProcessHandle.allProcesses().filter(h -> !excluded.contains(h.pid())).forEach(h -> {
            Map<String, String> env = environment(h.pid());
            String r = env.get("SPEC_KITTY_REPO_ROOT");
            if (r != null && mission.equals(env.get("SPEC_KITTY_MISSION"))
                    && (roots.contains(r) || roots.contains(Path.of(r).toAbsolutePath().normalize().toString()))) {
                found.put(h.pid(), new Orphan(h, env.getOrDefault("SPEC_KITTY_WP_ID", "?"),
                        env.getOrDefault("SPEC_KITTY_ROLE", "?")));
            }
        });
        // keep the tops of the trees: an agent's children inherit its environment
        List<Orphan> tops = new ArrayList<>();
        for (Orphan o : found.values()) {
            Optional<ProcessHandle> parent = o.handle().parent();
            if (parent.isEmpty() || !found.containsKey(parent.get().pid())) {
                tops.add(o);
            }
        }
        return tops;
    }

    /**
     * Stops orphans: SIGTERM to each tree (children first), then SIGKILL to whatever is still alive after
     * {@code grace}. Returns when every process is gone or after a second {@code grace}.
     *
     * @param orphans what to stop
     * @param grace how long to wait after SIGTERM
     * @return the processes still alive at the end (normally none)
     */
    static List<ProcessHandle> stop(List<Orphan> orphans, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        for (Orphan o : orphans) {
            o.handle().descendants().forEach(all::add);
            all.add(o.handle());
        }
        all.forEach(ProcessHandle::destroy);
        if (!awaitExit(all, grace)) {
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(all, grace);
        }
        return all.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration limit) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    /** A process's environment from {@code /proc/<pid>/environ}; empty when unreadable (other user, gone). */
    static Map<String, String> environment(long pid) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
