package dev.speckitty.orchestrator.testkit.host.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated {@code spec-kitty} process: dispatches the argv ({@code orchestrator-api …},
 * {@code agent tasks mark-status …}, {@code --version}), counts calls and injects faults. Shared by the
 * in-process transport and the executable.
 */
public final class HostRuntime {
    /** The version line of {@code spec-kitty --version}. */
    public static final String VERSION_PREFIX = "spec-kitty-cli ";

    private static final Set<String> MUTATING = Set.of("start-implementation", "start-review", "transition",
            "append-history", "accept-mission", "merge-mission", "accept-feature", "merge-feature");

    /** How waiting is done: for real in a process, bounded by the call's timeout in-process. */
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param millis how long
         */
        void sleep(long millis);

        /** Never returns normally (the process is killed, or the in-process call times out). */
        void hang();
    }

    private final Path root;
    private final Settings config;
    private final Sleeper sleeper;

    /**
     * Creates a runtime.
     *
     * @param root the project root
     * @param config the config
     * @param sleeper how to wait
     */
    public HostRuntime(Path root, Settings config, Sleeper sleeper) {
        this.root = root.toAbsolutePath().normalize();
        this.config = config;
        this.sleeper = sleeper;
    }

    /**
     * Runs one simulated process.
     *
     * @param argv the arguments after {@code spec-kitty}
     * @return what it prints and returns
     */
    public Outcome run(List<String> argv) {
        if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h")) {
            return new Outcome(argv.isEmpty() ? 2 : 0, "Usage: spec-kitty [OPTIONS] COMMAND [ARGS]...\n\n"
                    + "Commands:\n  orchestrator-api\n  agent\n", "");
        }
        if (argv.get(0).equals("--version")) {
            return new Outcome(0, VERSION_PREFIX + config.profile().hostRelease() + " (simulated)\n", "");
        }
        if (argv.get(0).equals("orchestrator-api")) {
            return orchestratorApi(argv.subList(1, argv.size()));
        }
        if (argv.size() >= 3 && argv.get(0).equals("agent") && argv.get(1).equals("tasks")
                && argv.get(2).equals("mark-status")) {
            count("agent-tasks-mark-status");
            return new Engine(root, config).markStatus(argv.subList(3, argv.size()));
        }
        return new Outcome(2, "", "Usage: spec-kitty [OPTIONS] COMMAND [ARGS]...\n"
                + "Error: No such command '" + String.join(" ", argv) + "'. The simulated host supports"
                + " orchestrator-api, agent tasks mark-status and --version.\n");
    }

    private Outcome orchestratorApi(List<String> args) {
        String command = args.isEmpty() || args.get(0).startsWith("-") ? "unknown" : args.get(0);
        if (args.contains("--help") || args.contains("-h")) {
            return new Engine(root, config).orchestratorApi(args);
        }
        int call = count(command);
        FaultRule fired = null;
        for (FaultRule f : config.faults()) {
            if (!f.matches(command, call)) {
                continue;
            }
            if (f.kind() == FaultRule.Kind.LATENCY) {
                sleeper.sleep(f.latencyMillis());
            } else if (f.kind() == FaultRule.Kind.SCHEMA_GATE && !MUTATING.contains(command)) {
                continue; // the real gate lets read-only commands through
            } else if (fired == null) {
                fired = f;
            }
        }
        if (fired == null) {
            return new Engine(root, config).orchestratorApi(args);
        }
        if (fired.afterApply()) {
            // the change is made; only the answer is lost (crash, hang or garbage after the commit)
            try {
                new Engine(root, config).orchestratorApi(args);
            } catch (RuntimeException e) {
                // the command failed on its own: the injected fault still decides what the caller sees
            }
        }
        String message = fired.message();
        switch (fired.kind()) {
            case HANG -> {
                sleeper.hang();
                return new Outcome(1, "", "hang ended\n");
            }
            case CRASH -> {
                return new Outcome(1, "", HostCrash.traceback("RuntimeError",
                        message == null ? "simulated crash (injected fault)" : message, command.replace('-', '_')));
            }
            case GARBAGE -> {
                return new Outcome(1, message == null ? "\u001b[31mspec-kitty-events is not installed\u001b[0m\n"
                        + "<html>not json</html>\n" : message + "\n", "");
            }
            case SCHEMA_GATE -> {
                String why = switch (fired.exitCode()) {
                    case 4 -> "This project needs a migration: run `spec-kitty upgrade`.";
                    case 5 -> "This project was written by a newer spec-kitty; upgrade spec-kitty-cli.";
                    default -> "The project metadata (.kittify/metadata.yaml) is corrupt.";
                };
                return new Outcome(fired.exitCode(), "", (message == null ? why : message) + "\n");
            }
            default -> {
                Engine engine = new Engine(root, config);
                Map<String, Object> data = new LinkedHashMap<>(fired.data());
                data.put("message", message == null ? "simulated " + fired.errorCode() + " (injected fault)" : message);
                boolean usage = fired.errorCode().equals("USAGE_ERROR");
                return new Outcome(usage ? 2 : 1, engine.envelope(usage ? "unknown" : command, false,
                        fired.errorCode(), data), "");
            }
        }
    }

    /**
     * Returns the call-count file of a project.
     *
     * @param root the project root
     * @return the file
     */
    public static Path callsFile(Path root) {
        return root.resolve(".kittify").resolve("sim-host").resolve("calls.json");
    }

    private int count(String command) {
        if (!Files.isDirectory(root.resolve("kitty-specs")) && !Files.isDirectory(root.resolve(".kittify"))) {
            return 1; // not a project: nothing to persist into
        }
        Path file = callsFile(root);
        return FileLocks.withLock(file.resolveSibling("calls.lock"), () -> {
            Map<String, Object> counts = readCounts(root);
            long n = counts.get(command) instanceof Long l ? l + 1 : 1;
            counts.put(command, n);
            try {
                Files.writeString(file, PyJson.dumps(counts) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return (int) n;
        });
    }

    /**
     * Reads the persisted call counts.
     *
     * @param root the project root
     * @return command to count (a fresh mutable map)
     */
    public static Map<String, Object> readCounts(Path root) {
        Path file = callsFile(root);
        Map<String, Object> counts = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                if (PyJson.parseOrNull(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> counts.put(String.valueOf(k), v));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }

    /**
     * Finds the project root like the host: {@code SPECIFY_REPO_ROOT} (or {@code SPEC_KITTY_REPO_ROOT}) when it
     * names a directory, else walking up from {@code cwd} to a directory with {@code .kittify/} or
     * {@code kitty-specs/} (a lane worktree's {@code .git} file leads back to the main checkout), else {@code cwd}.
     *
     * @param cwd the working directory
     * @param env the environment
     * @return the project root
     */
    public static Path findRoot(Path cwd, Map<String, String> env) {
        for (String var : List.of("SPECIFY_REPO_ROOT", "SPEC_KITTY_REPO_ROOT")) {
            String v = env.get(var);
            if (v != null && !v.isBlank() && Files.isDirectory(Path.of(v))) {
                return mainCheckout(Path.of(v).toAbsolutePath().normalize());
            }
        }
        Path dir = cwd.toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".kittify")) || Files.isDirectory(d.resolve("kitty-specs"))) {
                return mainCheckout(d);
            }
        }
        return dir;
    }

    private static Path mainCheckout(Path dir) {
        Path dotGit = dir.resolve(".git");
        if (!Files.isRegularFile(dotGit)) {
            return dir;
        }
        try {
            String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
            if (!line.startsWith("gitdir:")) {
                return dir;
            }
            Path gitDir = dir.resolve(line.substring("gitdir:".length()).trim()).normalize();
            // <main>/.git/worktrees/<name> -> <main>
            Path worktreesDir = gitDir.getParent();
            if (worktreesDir != null && worktreesDir.getFileName().toString().equals("worktrees")
                    && worktreesDir.getParent() != null && worktreesDir.getParent().getParent() != null) {
                return worktreesDir.getParent().getParent();
            }
        } catch (IOException e) {
            return dir;
        }
        return dir;
    }
}
