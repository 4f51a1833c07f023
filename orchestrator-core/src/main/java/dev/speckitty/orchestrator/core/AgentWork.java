package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.core.internal.FrontMatter;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentChoice;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import dev.speckitty.orchestrator.core.spi.PromptContext;
import dev.speckitty.orchestrator.core.spi.ReviewOutput;
import dev.speckitty.orchestrator.core.spi.WorkspaceCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The worker-thread side of an agent run: prepares the workspace, writes the prompt, builds the command with the
 * agent environment, runs it through the launcher, commits an implementation, reads a reviewer's verdict. Touches no
 * coordinator state: everything it needs comes in as arguments, everything it finds goes out in an
 * {@link AgentResult}. Thread-safe (stateless apart from the engine's configuration).
 */
final class AgentWork {
    private final OrchestrationEngine.Builder cfg;
    private final EngineOptions opt;
    private final String mission;

    AgentWork(OrchestrationEngine.Builder cfg, String mission) {
        this.cfg = cfg;
        this.opt = cfg.options;
        this.mission = mission;
    }

    private String mission() {
        return mission;
    }

    AgentResult runImplementation(String wpId, String promptText, Path promptPath, Path workspace,
            Optional<String> laneBranch, List<String> subtasks, Optional<String> feedback, int cycle, int attempt,
            AgentAdapter adapter, AgentChoice choice, Path log) throws InterruptedException {
        AgentResult r = new AgentResult();
        r.error = cannotStart(promptText, promptPath, workspace, laneBranch);
        if (r.error != null) {
            return r;
        }
        r.headBefore = cfg.git.head(workspace).orElse(null);
        String prompt = cfg.promptBuilder.implementationPrompt(PromptContext.builder()
                .mission(mission()).wpId(wpId).workPackagePrompt(promptText).subtasks(subtasks)
                .workspace(workspace).laneBranch(laneBranch).reviewFeedback(feedback).cycle(Math.max(1, cycle))
                .build());
        Path verdictFile = log.resolveSibling(log.getFileName().toString().replace(".log", ".verdict.json"));
        AgentOutcome outcome = launch(wpId, AgentRole.IMPLEMENTER, attempt, adapter, choice, workspace, prompt,
                verdictFile, log, opt.implementationTimeout(), r, subtasks, Optional.empty());
        if (outcome == null) {
            return r;
        }
        if (!outcome.succeeded()) {
            r.failure = outcome.failure().get();
            return r;
        }
        String message = "feat(" + wpId + "): implementation by " + adapter.id() + " (attempt " + attempt + ")";
        Optional<String> commit = cfg.git.commitAll(workspace, message);
        r.commit = commit.orElse(null);
        r.head = cfg.git.head(workspace).orElse(null);
        int beyond = r.headBefore == null ? (r.head == null ? 0 : 1) : cfg.git.commitsBeyond(workspace, r.headBefore);
        r.empty = beyond == 0;
        return r;
    }

    AgentResult runReview(String wpId, String promptText, Path promptPath, Path workspace,
            Optional<String> laneBranch, Optional<String> base, int cycle, int attempt, AgentAdapter adapter,
            AgentChoice choice, Path log, boolean discardAllowed, Optional<String> reviewRef)
            throws InterruptedException {
        AgentResult r = new AgentResult();
        r.error = cannotStart(promptText, promptPath, workspace, laneBranch);
        if (r.error != null) {
            return r;
        }
        List<String> subtasks = FrontMatter.parse(promptText).subtasks();
        String prompt = cfg.promptBuilder.reviewPrompt(PromptContext.builder()
                .mission(mission()).wpId(wpId).workPackagePrompt(promptText)
                .subtasks(subtasks).workspace(workspace).laneBranch(laneBranch)
                .cycle(cycle).baseCommit(base).build());
        Path verdictFile = log.resolveSibling(log.getFileName().toString().replace(".log", ".verdict.json"));
        try {
            Files.deleteIfExists(verdictFile);
        } catch (IOException ignored) {
            // a stale verdict file is re-created below or ignored
        }
        AgentOutcome outcome;
        try {
            outcome = launch(wpId, AgentRole.REVIEWER, attempt, adapter, choice, workspace, prompt, verdictFile, log,
                    opt.reviewTimeout(), r, subtasks, reviewRef);
        } finally {
            if (discardAllowed) {
                try {
                    r.discarded = cfg.git.discardChanges(workspace);
                } catch (RuntimeException e) {
                    r.discardError = e.getMessage();
                }
            }
        }
        if (outcome == null) {
            return r;
        }
        outcome.failure().ifPresent(f -> r.failure = f);
        boolean trustworthy = r.failure != AgentFailure.TIMEOUT && r.failure != AgentFailure.MISSING_BINARY
                && r.failure != AgentFailure.AUTH;
        if (trustworthy) {
            String verdictText = null;
            try {
                if (Files.isRegularFile(verdictFile)) {
                    verdictText = Files.readString(verdictFile, StandardCharsets.UTF_8);
                }
            } catch (IOException ignored) {
                // unreadable verdict file: fall back to stdout
            }
            r.verdict = cfg.verdictParser.parse(ReviewOutput.builder().agent(adapter.id())
                    .verdictFile(Optional.ofNullable(verdictText)).stdout(r.stdout).build());
        }
        if (base.isPresent()) {
            try {
                r.filesTouched = cfg.git.filesChanged(workspace, base.get());
            } catch (RuntimeException ignored) {
                // evidence is best effort
            }
        }
        return r;
    }

    /** Runs the agent; returns null (with {@code r.error} or {@code r.failure} set) when it could not run. */
    private AgentOutcome launch(String wpId, AgentRole role, int attempt, AgentAdapter adapter, AgentChoice choice,
            Path workspace, String prompt, Path verdictFile, Path log, Duration timeout, AgentResult r,
            List<String> subtasks, Optional<String> reviewRef) throws InterruptedException {
        Path promptFile = log.resolveSibling(log.getFileName().toString().replace(".log", ".prompt.md"));
        try {
            Files.createDirectories(log.getParent());
            writeUserOnly(promptFile, prompt);
        } catch (IOException e) {
            r.error = "cannot write the prompt file " + promptFile + ": " + e.getMessage();
            return null;
        }
        AgentInvocation inv = AgentInvocation.builder().role(role).mission(mission()).wpId(wpId).attempt(attempt)
                .workspace(workspace).promptFile(promptFile).prompt(prompt).verdictFile(verdictFile)
                .model(choice.model()).extraArgs(opt.agentExtraArgs().getOrDefault(adapter.id(), List.of()))
                .build();
        AgentCommand cmd = adapter.command(inv);
        Map<String, String> env = new LinkedHashMap<>(opt.agentEnvironment());
        env.putAll(cmd.environment());
        env.put("SPEC_KITTY_MISSION", mission());
        env.put("SPEC_KITTY_WP_ID", wpId);
        env.put("SPEC_KITTY_ROLE", role == AgentRole.IMPLEMENTER ? "implementer" : "reviewer");
        env.put("SPEC_KITTY_ATTEMPT", String.valueOf(attempt));
        env.put("SPEC_KITTY_WORKSPACE", workspace.toString());
        env.put("SPEC_KITTY_PROMPT_FILE", promptFile.toString());
        env.put("SPEC_KITTY_VERDICT_FILE", verdictFile.toString());
        env.put("SPEC_KITTY_REPO_ROOT", opt.projectRoot().toAbsolutePath().toString());
        env.put("SPEC_KITTY_SUBTASKS", String.join(",", subtasks));
        reviewRef.ifPresent(ref -> env.put("SPEC_KITTY_REVIEW_REF", ref));
        opt.hostExecutable().map(p -> p.toAbsolutePath().getParent()).ifPresent(dir -> {
            String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
            env.put("PATH", dir + java.io.File.pathSeparator + path);
        });
        AgentCommand.Builder fullBuilder = AgentCommand.builder().from(cmd).environment(env);
        if (cmd.idleTimeout().isEmpty()) {
            fullBuilder.idleTimeout(Optional.ofNullable(opt.agentIdleTimeouts().get(adapter.id())));
        }
        AgentCommand full = fullBuilder.build();
        AgentRunOutput out = cfg.launcher.run(full, workspace, timeout, log);
        r.duration = out.duration();
        if (!out.timedOut() && !out.binaryMissing()) {
            r.exitCode = out.exitCode();
        }
        AgentOutcome outcome = adapter.interpret(inv, out);
        r.usage = outcome.usage().orElse(null);
        r.summary = outcome.summary();
        r.stdout = out.stdout();
        return outcome;
    }

    /** Prompts and review feedback can quote code and agent output: keep them as private as the agent logs. */
    static void writeUserOnly(Path file, String text) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> userOnly =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        if (posix && !Files.exists(file)) {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(userOnly));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        if (posix) {
            Files.setPosixFilePermissions(file, userOnly);
        }
    }

    /** Why a run cannot start (no prompt, an unusable workspace), or null when it can. */
    private String cannotStart(String promptText, Path promptPath, Path workspace, Optional<String> laneBranch) {
        return promptText == null ? "cannot read the WP prompt file " + promptPath
                : prepareWorkspace(workspace, laneBranch);
    }

    private String prepareWorkspace(Path workspace, Optional<String> laneBranch) {
        if (workspace == null) {
            return "the host gave no workspace path";
        }
        // A workspace outside the project would let a confused or hostile host point an agent (and mkdirs) anywhere.
        Path root = opt.projectRoot().toAbsolutePath().normalize();
        Path ws = workspace.toAbsolutePath().normalize();
        if (!ws.startsWith(root) || ws.equals(root)) {
            return "the host returned the workspace " + workspace + ", which is not inside the project root " + root
                    + "; refusing to run an agent there (check the host's worktree configuration)";
        }
        WorkspaceCheck check = cfg.git.check(workspace);
        if (!check.exists()) {
            try {
                Files.createDirectories(workspace); // older hosts compute the path without creating it
            } catch (IOException e) {
                return "workspace " + workspace + " does not exist and cannot be created: " + e.getMessage();
            }
            check = cfg.git.check(workspace);
        }
        if (!check.gitWorkTree()) {
            return "workspace " + workspace + " is not a git work tree";
        }
        if (laneBranch.isPresent() && !check.branch().equals(laneBranch)) {
            return "workspace " + workspace + " is on " + check.branch().map(b -> "branch '" + b + "'")
                    .orElse("a detached HEAD") + ", expected the lane branch '" + laneBranch.get() + "'";
        }
        return null;
    }
}
