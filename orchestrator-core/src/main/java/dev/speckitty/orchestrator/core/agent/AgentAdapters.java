package dev.speckitty.orchestrator.core.agent;

import dev.speckitty.orchestrator.core.agent.internal.AugmentAgent;
import dev.speckitty.orchestrator.core.agent.internal.Classifier;
import dev.speckitty.orchestrator.core.agent.internal.ClaudeCodeAgent;
import dev.speckitty.orchestrator.core.agent.internal.CliAgent;
import dev.speckitty.orchestrator.core.agent.internal.CodexAgent;
import dev.speckitty.orchestrator.core.agent.internal.CopilotAgent;
import dev.speckitty.orchestrator.core.agent.internal.CursorAgent;
import dev.speckitty.orchestrator.core.agent.internal.Executables;
import dev.speckitty.orchestrator.core.agent.internal.GeminiAgent;
import dev.speckitty.orchestrator.core.agent.internal.KiloCodeAgent;
import dev.speckitty.orchestrator.core.agent.internal.LettaAgent;
import dev.speckitty.orchestrator.core.agent.internal.OpenCodeAgent;
import dev.speckitty.orchestrator.core.agent.internal.PiAgent;
import dev.speckitty.orchestrator.core.agent.internal.ProcessTrees;
import dev.speckitty.orchestrator.core.agent.internal.QwenAgent;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The built-in agent adapters, a registry by id, and helpers for writing and checking adapters.
 *
 * <pre>{@code
 * AgentAdapter impl = AgentAdapters.byId("claude-code");
 * AgentAdapter review = AgentAdapters.withExecutable("codex", "/opt/codex/bin/codex");
 * AgentProbe probe = AgentAdapters.probe(impl, Duration.ofSeconds(5));   // never throws
 * }</pre>
 *
 * <p>Built-in ids (the Python reference's ids, with their executables): {@code claude-code} (claude), {@code codex}
 * (codex), {@code gemini} (gemini), {@code qwen} (qwen), {@code opencode} (opencode), {@code kilocode} (kilo),
 * {@code augment} (auggie), {@code cursor} (cursor-agent), {@code copilot} (copilot), {@code pi} (pi), {@code letta}
 * (letta). Each adapter's Javadoc lists its exact argv per role and which flags were confirmed from the CLI's current
 * documentation. All methods are thread-safe; adapters are immutable.
 */
public final class AgentAdapters {
    private static final Map<String, Function<String, CliAgent>> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, String> DEFAULT_EXECUTABLES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of(
            "claude", "claude-code",
            "claudecode", "claude-code",
            "auggie", "augment",
            "cursor-agent", "cursor",
            "kilo", "kilocode",
            "gemini-cli", "gemini",
            "qwen-code", "qwen",
            "github-copilot", "copilot");
    private static final int VERSION_OUTPUT_CAP = 64 * 1024;

    static {
        register("claude-code", "claude", ClaudeCodeAgent::new);
        register("codex", "codex", CodexAgent::new);
        register("gemini", "gemini", GeminiAgent::new);
        register("qwen", "qwen", QwenAgent::new);
        register("opencode", "opencode", OpenCodeAgent::new);
        register("kilocode", "kilo", KiloCodeAgent::new);
        register("augment", "auggie", AugmentAgent::new);
        register("cursor", "cursor-agent", CursorAgent::new);
        register("copilot", "copilot", CopilotAgent::new);
        register("pi", "pi", PiAgent::new);
        register("letta", "letta", LettaAgent::new);
    }

    private AgentAdapters() {}

    private static void register(String id, String executable, Function<String, CliAgent> factory) {
        FACTORIES.put(id, factory);
        DEFAULT_EXECUTABLES.put(id, executable);
    }

    /**
     * Returns the adapter for Claude Code ({@code claude}).
     *
     * @return the {@code claude-code} adapter
     */
    public static AgentAdapter claudeCode() {
        return byId("claude-code");
    }

    /**
     * Returns the adapter for OpenAI Codex ({@code codex exec}).
     *
     * @return the {@code codex} adapter
     */
    public static AgentAdapter codex() {
        return byId("codex");
    }

    /**
     * Returns the adapter for Google Gemini CLI ({@code gemini}).
     *
     * @return the {@code gemini} adapter
     */
    public static AgentAdapter gemini() {
        return byId("gemini");
    }

    /**
     * Returns the adapter for Qwen Code ({@code qwen}).
     *
     * @return the {@code qwen} adapter
     */
    public static AgentAdapter qwen() {
        return byId("qwen");
    }

    /**
     * Returns the adapter for OpenCode ({@code opencode run}).
     *
     * @return the {@code opencode} adapter
     */
    public static AgentAdapter openCode() {
        return byId("opencode");
    }

    /**
     * Returns the adapter for Kilo Code CLI 1.x ({@code kilo run}).
     *
     * @return the {@code kilocode} adapter
     */
    public static AgentAdapter kiloCode() {
        return byId("kilocode");
    }

    /**
     * Returns the adapter for Augment's Auggie ({@code auggie --print}).
     *
     * @return the {@code augment} adapter
     */
    public static AgentAdapter augment() {
        return byId("augment");
    }

    /**
     * Returns the adapter for Cursor's agent CLI ({@code cursor-agent}).
     *
     * @return the {@code cursor} adapter
     */
    public static AgentAdapter cursor() {
        return byId("cursor");
    }

    /**
     * Returns the adapter for GitHub Copilot CLI ({@code copilot -p}).
     *
     * @return the {@code copilot} adapter
     */
    public static AgentAdapter copilot() {
        return byId("copilot");
    }

    /**
     * Returns the adapter for the pi coding agent ({@code pi}).
     *
     * @return the {@code pi} adapter
     */
    public static AgentAdapter pi() {
        return byId("pi");
    }

    /**
     * Returns the adapter for Letta Code ({@code letta -p}).
     *
     * @return the {@code letta} adapter
     */
    public static AgentAdapter letta() {
        return byId("letta");
    }

    /**
     * Returns the ids of the built-in adapters, in a stable order.
     *
     * @return the ids
     */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * Returns one instance of every built-in adapter with its default executable.
     *
     * @return the adapters, in {@link #ids()} order
     */
    public static List<AgentAdapter> builtIns() {
        List<AgentAdapter> all = new ArrayList<>();
        for (String id : FACTORIES.keySet()) {
            all.add(byId(id));
        }
        return List.copyOf(all);
    }

    /**
     * Returns a built-in adapter by id (case-insensitive; a few aliases such as {@code claude}, {@code auggie},
     * {@code cursor-agent}, {@code kilo} are accepted).
     *
     * @param id the id; not null
     * @return the adapter with its default executable
     * @throws IllegalArgumentException for an unknown id, with the list of known ids
     */
    public static AgentAdapter byId(String id) {
        String canonical = canonicalId(id);
        return FACTORIES.get(canonical).apply(DEFAULT_EXECUTABLES.get(canonical));
    }

    /**
     * Returns a built-in adapter that starts another executable (a full path, or a differently named binary such as
     * Cursor's {@code agent}).
     *
     * @param id the built-in id; not null
     * @param executable the executable name or path; not blank
     * @return the adapter
     * @throws IllegalArgumentException for an unknown id or a blank executable
     */
    public static AgentAdapter withExecutable(String id, String executable) {
        return FACTORIES.get(canonicalId(id)).apply(executable);
    }

    /**
     * Tells whether an id (or alias) names a built-in adapter.
     *
     * @param id the id; not null
     * @return whether it is known
     */
    public static boolean isBuiltIn(String id) {
        String key = Objects.requireNonNull(id, "id").strip().toLowerCase(Locale.ROOT);
        return FACTORIES.containsKey(key) || ALIASES.containsKey(key);
    }

    private static String canonicalId(String id) {
        Objects.requireNonNull(id, "agent id");
        String key = id.strip().toLowerCase(Locale.ROOT);
        key = ALIASES.getOrDefault(key, key);
        if (!FACTORIES.containsKey(key)) {
            throw new IllegalArgumentException("unknown agent id '" + id + "'; known ids: "
                    + String.join(", ", FACTORIES.keySet())
                    + " (or configure a generic command agent for other CLIs)");
        }
        return key;
    }

    /**
     * The simple reading of a run, for adapters without structured output: missing binary, timeout (flag or exit
     * 124), exit 0 = success, exit 41 or auth text = AUTH, exit 42 or rate-limit text = RATE_LIMIT, otherwise CRASH.
     * Usage comes from the last {@code SPEC_KITTY_USAGE: {…}} stdout line.
     *
     * @param output the run; not null
     * @return the outcome
     */
    public static AgentOutcome classifyByExitCode(AgentRunOutput output) {
        return Classifier.byExitCode(Objects.requireNonNull(output, "output"));
    }

    /**
     * Tells whether an adapter's executable can be found ({@code PATH} lookup for a bare name) and is executable.
     *
     * @param adapter the adapter; not null
     * @return whether it is installed
     */
    public static boolean installed(AgentAdapter adapter) {
        return resolveExecutable(adapter.executable()).isPresent();
    }

    /**
     * Finds an executable: a name containing a path separator is checked as a path, a bare name is looked up on this
     * process's {@code PATH} (with {@code PATHEXT} extensions on Windows).
     *
     * @param executable the name or path; not null
     * @return the resolved path, when it exists and is executable
     */
    public static Optional<Path> resolveExecutable(String executable) {
        Objects.requireNonNull(executable, "executable");
        return Executables.find(executable, System.getenv("PATH"), System.getenv("PATHEXT"));
    }

    /**
     * Checks an adapter's executable and runs its version arguments with a short timeout. Never throws (except for
     * null arguments); a failure is described in {@link AgentProbe#problem()}. Restores the interrupt status if
     * interrupted.
     *
     * @param adapter the adapter; not null
     * @param timeout the limit for the version command; positive
     * @return the probe result
     */
    public static AgentProbe probe(AgentAdapter adapter, Duration timeout) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(timeout, "timeout");
        AgentProbe.Builder b = AgentProbe.builder().agentId(adapter.id()).executable(adapter.executable());
        Optional<Path> path = resolveExecutable(adapter.executable());
        if (path.isEmpty()) {
            return b.installed(false)
                    .problem("'" + adapter.executable() + "' not found or not executable"
                            + (adapter.executable().contains("/") ? "" : " on PATH"))
                    .build();
        }
        b.installed(true).path(path.get());
        List<String> argv = new ArrayList<>();
        argv.add(path.get().toString());
        argv.addAll(adapter.versionArgs());
        Path out = null;
        try {
            out = Files.createTempFile("spec-kitty-version-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(
                            File.separatorChar == '\\' ? "NUL" : "/dev/null")));
            Process process = pb.start();
            Set<ProcessHandle> seen = new HashSet<>();
            if (!process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                ProcessTrees.terminate(process.toHandle(), seen, Duration.ofMillis(500));
                return b.problem("version command timed out after " + timeout.toMillis() + " ms").build();
            }
            String text = readCapped(out);
            String firstLine = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            if (process.exitValue() != 0) {
                return b.problem("version command exited " + process.exitValue()
                        + (firstLine.isEmpty() ? "" : ": " + Classifier.abbreviate(firstLine))).build();
            }
            if (!firstLine.isEmpty()) {
                b.version(Classifier.abbreviate(firstLine));
            }
            return b.build();
        } catch (IOException | RuntimeException e) {
            return b.problem("version command failed: " + e.getMessage()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return b.problem("interrupted while probing").build();
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover empty temp file is harmless
                }
            }
        }
    }

    private static String readCapped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(VERSION_OUTPUT_CAP), StandardCharsets.UTF_8);
        }
    }
}
