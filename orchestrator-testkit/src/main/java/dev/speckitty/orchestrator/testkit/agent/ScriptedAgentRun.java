package dev.speckitty.orchestrator.testkit.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.testkit.agent.internal.Filler;
import dev.speckitty.orchestrator.testkit.agent.internal.LockedAppend;
import dev.speckitty.orchestrator.testkit.mission.MissionFiles;
import dev.speckitty.orchestrator.testkit.project.internal.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One run of the scripted agent; {@link ScriptedAgentMain} wires it to the real process streams. */
final class ScriptedAgentRun {
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 3;
    private static final Duration SUBPROCESS_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, String> env;
    private final List<String> args;
    private final InputStream stdin;
    private final OutputStream out;
    private final OutputStream err;
    private final Path cwd;

    private String wp;
    private ScriptedRole role;
    private int attempt;
    private String mission;
    private Path workspace;
    private Path logFile;
    private String invocationId;
    private final ObjectNode end = ScenarioJson.MAPPER.createObjectNode();
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    ScriptedAgentRun(Map<String, String> env, List<String> args, InputStream stdin, OutputStream out,
            OutputStream err, Path cwd) {
        this.env = env;
        this.args = args;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.cwd = cwd;
    }

    int run() throws IOException {
        Optional<String> scenarioArg = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                print(out, usage());
                return 0;
            }
            if (a.equals("--scenario")) {
                if (i + 1 >= args.size()) {
                    return usageError("--scenario needs a file argument");
                }
                scenarioArg = Optional.of(args.get(++i));
            } else if (a.startsWith("--scenario=")) {
                scenarioArg = Optional.of(a.substring("--scenario=".length()));
            }
        }
        Optional<String> scenarioPath = scenarioArg.or(() -> env("SCRIPTED_AGENT_SCENARIO"));
        AgentScenario scenario;
        Path baseDir = cwd;
        if (scenarioPath.isPresent()) {
            Path file = cwd.resolve(scenarioPath.get());
            try {
                scenario = AgentScenario.readFrom(file);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                return usageError(e.getMessage());
            }
            baseDir = file.toAbsolutePath().getParent();
        } else {
            scenario = AgentScenario.builder().build();
        }

        Optional<String> wpEnv = env("SPEC_KITTY_WP_ID");
        if (wpEnv.isEmpty()) {
            return usageError("SPEC_KITTY_WP_ID is not set: the engine passes it to every agent run");
        }
        wp = wpEnv.get();
        try {
            role = ScriptedRole.fromWire(env("SPEC_KITTY_ROLE").orElse("implementer"));
            attempt = Integer.parseInt(env("SPEC_KITTY_ATTEMPT").orElse("1").strip());
            if (attempt < 1) {
                throw new NumberFormatException("attempt below 1");
            }
        } catch (NumberFormatException e) {
            return usageError("SPEC_KITTY_ATTEMPT must be a positive integer, got '" + env.get("SPEC_KITTY_ATTEMPT")
                    + "'");
        } catch (IllegalArgumentException e) {
            return usageError("SPEC_KITTY_ROLE: " + e.getMessage());
        }
        mission = env("SPEC_KITTY_MISSION").orElse("");
        workspace = cwd.resolve(env("SPEC_KITTY_WORKSPACE").orElse(".")).toAbsolutePath().normalize();
        Path base = baseDir;
        logFile = env("SCRIPTED_AGENT_LOG").or(scenario::logFile).map(p -> base.resolve(p)).orElse(null);
        Path recordDir = env("SCRIPTED_AGENT_PROMPT_DIR").or(scenario::promptRecordDirectory)
                .map(p -> base.resolve(p)).orElse(null);

        AgentBehavior b = scenario.resolve(wp, role, attempt);
        long pid = ProcessHandle.current().pid();
        Instant started = Instant.now();
        invocationId = pid + "-" + started.toEpochMilli() + "-" + started.getNano();
        logStart(pid, started);
        registerKillRecorder();
        end.put("event", "end").put("invocation", invocationId).put("wp", wp).put("role", role.wireValue())
                .put("attempt", attempt);
        try {
            return execute(b, scenario, recordDir);
        } catch (IOException | RuntimeException e) {
            print(err, "scripted-agent: internal error: " + e + "\n");
            return finish(EXIT_INTERNAL);
        }
    }

    private int execute(AgentBehavior b, AgentScenario scenario, Path recordDir) throws IOException {
        if (b.readPromptFromStdin().orElse(false)) {
            byte[] prompt = stdin.readAllBytes();
            end.put("stdin_bytes", (long) prompt.length);
            if (recordDir != null) {
                Path record = recordDir.resolve(recordName("stdin.txt"));
                Files.createDirectories(recordDir);
                Files.write(record, prompt);
                end.put("prompt_record", record.toString());
            }
        }
        Optional<Path> promptFile = env("SPEC_KITTY_PROMPT_FILE").map(cwd::resolve);
        if (recordDir != null && promptFile.isPresent() && Files.isRegularFile(promptFile.get())) {
            Files.createDirectories(recordDir);
            Files.copy(promptFile.get(), recordDir.resolve(recordName("prompt.txt")),
                    StandardCopyOption.REPLACE_EXISTING);
        }

        print(out, "scripted-agent: " + wp + " " + role.wireValue() + " attempt " + attempt + " (mission "
                + (mission.isEmpty() ? "?" : mission) + ") in " + workspace + "\n");
        boolean nonUtf8 = b.nonUtf8Output().orElse(false);
        Filler.lines(out, "stdout", b.stdoutLines().orElse(0), nonUtf8);
        Filler.bytes(out, b.stdoutBytes().orElse(0L), nonUtf8);
        Filler.lines(err, "stderr", b.stderrLines().orElse(0), nonUtf8);
        Filler.bytes(err, b.stderrBytes().orElse(0L), nonUtf8);
        b.stdoutText().ifPresent(t -> print(out, ensureNewline(fill(t))));
        b.stderrText().ifPresent(t -> print(err, ensureNewline(fill(t))));
        out.flush();
        err.flush();

        if (b.hang().orElse(false)) {
            print(err, "scripted-agent: hanging until killed\n");
            err.flush();
            while (true) {
                sleep(60_000);
            }
        }
        long sleepStart = System.nanoTime();
        sleep(b.durationMillis().orElse(0L));
        end.put("worked_ms", (System.nanoTime() - sleepStart) / 1_000_000L);

        if (b.failure().isPresent()) {
            SimulatedFailure f = b.failure().get();
            print(err, f.message() + "\n");
            end.put("failure", f.wireValue());
            return finish(b.exitCode().orElse(f.exitCode()));
        }

        ArrayNode written = end.putArray("files");
        Map<String, String> files = b.files().orElseGet(() -> role == ScriptedRole.IMPLEMENTER
                ? Map.of("impl/{wp}-attempt-{attempt}.txt",
                        "Work for {wp} in mission {mission} by the scripted agent (attempt {attempt}).\n")
                : Map.of());
        for (Map.Entry<String, String> e : new LinkedHashMap<>(files).entrySet()) {
            String rel = fill(e.getKey());
            Path target = workspace.resolve(rel).normalize();
            if (!target.startsWith(workspace)) {
                print(err, "scripted-agent: refusing to write outside the workspace: " + rel + "\n");
                return finish(EXIT_USAGE);
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, fill(e.getValue()), StandardCharsets.UTF_8);
            written.add(rel);
        }

        boolean committed = false;
        if (b.commit().orElse(false)) {
            committed = commit(fill(b.commitMessage().orElse("{wp}: scripted work (attempt {attempt})")));
        }
        end.put("committed", committed);

        if (b.markSubtasks().orElse(role == ScriptedRole.IMPLEMENTER)) {
            List<String> ids = b.subtasks().orElseGet(this::subtasksFromPromptFile);
            if (!ids.isEmpty()) {
                markStatus(ids, scenario);
            }
        }

        b.usage().ifPresent(u -> print(out, "SPEC_KITTY_USAGE: {\"input_tokens\": " + u.inputTokens()
                + ", \"output_tokens\": " + u.outputTokens()
                + u.costUsd().map(c -> ", \"cost_usd\": " + c).orElse("") + "}\n"));

        Optional<ReviewVerdict> verdict = b.verdict().or(() -> role == ScriptedRole.REVIEWER
                ? Optional.of(ReviewVerdict.APPROVED) : Optional.empty());
        if (verdict.isPresent()) {
            Optional<String> verdictFile = env("SPEC_KITTY_VERDICT_FILE");
            VerdictDelivery delivery = b.verdictDelivery().orElse(verdictFile.isPresent()
                    ? VerdictDelivery.FILE : VerdictDelivery.STDOUT);
            String feedback = fill(b.feedback().orElse(verdict.get() == ReviewVerdict.APPROVED
                    ? "Looks good: {wp} meets its definition of done."
                    : "Please rework {wp}: the error cases are not tested."));
            switch (delivery) {
                case FILE -> {
                    if (verdictFile.isEmpty()) {
                        print(err, "scripted-agent: verdict delivery 'file' needs SPEC_KITTY_VERDICT_FILE\n");
                        return finish(EXIT_USAGE);
                    }
                    writeVerdictFile(cwd.resolve(verdictFile.get()), verdict.get(), feedback);
                    end.put("verdict", verdict.get().wireValue());
                }
                case STDOUT -> {
                    print(out, "VERDICT: " + verdict.get().wireValue().toUpperCase(java.util.Locale.ROOT) + "\n"
                            + "FEEDBACK:\n" + ensureNewline(feedback));
                    end.put("verdict", verdict.get().wireValue());
                }
                case NONE -> { }
                default -> throw new IllegalStateException("unknown delivery " + delivery);
            }
        }
        return finish(b.exitCode().orElse(0));
    }

    private boolean commit(String message) {
        Map<String, String> gitEnv = new LinkedHashMap<>();
        gitEnv.put("GIT_DIR", null);
        gitEnv.put("GIT_WORK_TREE", null);
        gitEnv.put("GIT_INDEX_FILE", null);
        ProcessRunner.Result add = ProcessRunner.run(List.of("git", "add", "-A"), workspace, gitEnv, null,
                SUBPROCESS_TIMEOUT);
        if (add.exitCode() != 0) {
            print(err, "scripted-agent: git add failed: " + add.stderr());
            return false;
        }
        ProcessRunner.Result commit = ProcessRunner.run(List.of("git", "-c", "user.name=Scripted Agent", "-c",
                "user.email=scripted-agent@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m",
                message), workspace, gitEnv, null, SUBPROCESS_TIMEOUT);
        if (commit.exitCode() != 0) {
            print(err, "scripted-agent: git commit failed (exit " + commit.exitCode() + "): " + commit.stdout()
                    + commit.stderr());
            return false;
        }
        return true;
    }

    private void markStatus(List<String> ids, AgentScenario scenario) {
        String bin = env("SPEC_KITTY_BIN").or(scenario::specKittyBin).orElse("spec-kitty");
        List<String> argv = new ArrayList<>(List.of(bin, "agent", "tasks", "mark-status"));
        argv.addAll(ids);
        argv.addAll(List.of("--status", "done", "--mission", mission));
        ArrayNode marked = end.putArray("subtasks_marked");
        ids.forEach(marked::add);
        print(err, "$ " + String.join(" ", argv) + "\n");
        int exit;
        try {
            ProcessRunner.Result r = ProcessRunner.run(argv, workspace, Map.of(), null, SUBPROCESS_TIMEOUT);
            exit = r.exitCode();
            print(err, r.stdout());
            print(err, r.stderr());
        } catch (UncheckedIOException e) {
            print(err, "scripted-agent: " + e.getMessage() + "\n");
            exit = -1;
        }
        if (exit != 0) {
            print(err, "scripted-agent: mark-status exited " + exit + "\n");
        }
        end.put("mark_status_exit_code", exit);
    }

    private List<String> subtasksFromPromptFile() {
        List<Path> roots = new ArrayList<>();
        env("SPEC_KITTY_REPO_ROOT").map(cwd::resolve).ifPresent(roots::add);
        roots.add(workspace);
        for (Path root : roots) {
            Optional<Path> dir = missionDir(root.resolve("kitty-specs"));
            if (dir.isPresent()) {
                Optional<Path> prompt = MissionFiles.findPromptFile(dir.get(), wp);
                if (prompt.isPresent()) {
                    try {
                        return MissionFiles.readWorkPackage(prompt.get()).subtasks();
                    } catch (IllegalArgumentException | UncheckedIOException e) {
                        print(err, "scripted-agent: cannot read subtasks: " + e.getMessage() + "\n");
                        return List.of();
                    }
                }
            }
        }
        print(err, "scripted-agent: no prompt file for " + wp + " of mission '" + mission
                + "' found; no subtasks to mark\n");
        return List.of();
    }

    private Optional<Path> missionDir(Path kittySpecs) {
        if (mission.isEmpty() || !Files.isDirectory(kittySpecs)) {
            return Optional.empty();
        }
        Path exact = kittySpecs.resolve(mission);
        if (Files.isDirectory(exact) && exact.normalize().getParent().equals(kittySpecs.normalize())) {
            return Optional.of(exact);
        }
        try (Stream<Path> dirs = Files.list(kittySpecs)) {
            List<Path> matches = dirs.filter(Files::isDirectory).filter(d -> {
                String name = d.getFileName().toString();
                return name.endsWith("-" + mission) || name.startsWith(mission + "-");
            }).toList();
            return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void writeVerdictFile(Path file, ReviewVerdict verdict, String feedback) throws IOException {
        ObjectNode n = ScenarioJson.MAPPER.createObjectNode();
        n.put("verdict", verdict.wireValue());
        n.put("feedback", feedback);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".verdict", ".tmp");
        Files.writeString(tmp, ScenarioJson.MAPPER.writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void logStart(long pid, Instant started) throws IOException {
        if (logFile == null) {
            return;
        }
        ObjectNode n = ScenarioJson.MAPPER.createObjectNode();
        n.put("event", "start").put("invocation", invocationId).put("wp", wp).put("role", role.wireValue())
                .put("attempt", attempt).put("mission", mission).put("pid", pid)
                .put("workspace", workspace.toString()).put("at", started.toString());
        ArrayNode a = n.putArray("args");
        args.forEach(a::add);
        LockedAppend.appendLine(logFile, ScenarioJson.MAPPER.writeValueAsString(n));
    }

    /**
     * On SIGTERM/SIGINT (an engine's polite kill) the JVM runs shutdown hooks: record a {@code killed} event so the
     * log shows when the run stopped. SIGKILL leaves no trace; the run then simply has no end.
     */
    private void registerKillRecorder() {
        if (logFile == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                ObjectNode n = ScenarioJson.MAPPER.createObjectNode();
                n.put("event", "killed").put("invocation", invocationId).put("at", Instant.now().toString());
                try {
                    LockedAppend.appendLine(logFile, ScenarioJson.MAPPER.writeValueAsString(n));
                } catch (IOException e) {
                    // The JVM is going down; nothing else can be done.
                }
            }
        }, "scripted-agent-kill-recorder"));
    }

    private int finish(int exitCode) throws IOException {
        if (!finished.compareAndSet(false, true)) {
            return exitCode;
        }
        try {
            out.flush();
            err.flush();
        } catch (IOException e) {
            // The reader is gone (an orchestrator killed with SIGKILL leaves its agents writing into a dead pipe).
            // The end must still be logged: without it the run would look as if it never ended.
        }
        if (logFile != null) {
            end.put("at", Instant.now().toString()).put("exit_code", exitCode);
            LockedAppend.appendLine(logFile, ScenarioJson.MAPPER.writeValueAsString(end));
        }
        return exitCode;
    }

    private int usageError(String message) {
        print(err, "scripted-agent: " + message + "\n");
        return EXIT_USAGE;
    }

    private String recordName(String suffix) {
        return wp + "-" + role.wireValue() + "-attempt-" + attempt + "." + suffix;
    }

    private String fill(String template) {
        return template.replace("{wp}", wp).replace("{role}", role.wireValue())
                .replace("{attempt}", Integer.toString(attempt)).replace("{mission}", mission);
    }

    private Optional<String> env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static String ensureNewline(String s) {
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    private static void print(OutputStream stream, String text) {
        try {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String usage() {
        return "Usage: scripted-agent [--scenario <file>] [any other arguments are recorded and ignored]\n"
                + "A fake coding agent for tests. It reads its identity from SPEC_KITTY_WP_ID, SPEC_KITTY_ROLE,\n"
                + "SPEC_KITTY_ATTEMPT, SPEC_KITTY_MISSION, SPEC_KITTY_WORKSPACE, SPEC_KITTY_VERDICT_FILE,\n"
                + "SPEC_KITTY_PROMPT_FILE and SPEC_KITTY_REPO_ROOT, and its script from --scenario or\n"
                + "SCRIPTED_AGENT_SCENARIO. Runs are logged to SCRIPTED_AGENT_LOG (JSON lines).\n"
                + "Exit codes: as scripted; 2 = bad usage or scenario; 3 = internal error.\n";
    }
}
