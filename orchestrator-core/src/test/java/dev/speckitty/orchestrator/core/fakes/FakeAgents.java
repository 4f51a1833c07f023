package dev.speckitty.orchestrator.core.fakes;

import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted launcher plus adapters: agents are simulated in-process (the launcher is the SPI seam). */
public final class FakeAgents implements AgentLauncher {
    /** What one simulated run does. */
    @FunctionalInterface
    public interface Behaviour {
        AgentRunOutput run(Run run) throws InterruptedException;
    }

    /** One recorded run. */
    public static final class Run {
        public final String agent;
        public final String role;
        public final String wp;
        public final int attempt;
        public final Path workspace;
        public final String prompt;
        public final Map<String, String> env;
        public final Path verdictFile;

        Run(String agent, AgentCommand cmd, Path workspace) {
            this.agent = cmd.argv().get(0);
            this.env = cmd.environment();
            this.role = env.get("SPEC_KITTY_ROLE");
            this.wp = env.get("SPEC_KITTY_WP_ID");
            this.attempt = Integer.parseInt(env.get("SPEC_KITTY_ATTEMPT"));
            this.workspace = workspace;
            this.verdictFile = Path.of(env.get("SPEC_KITTY_VERDICT_FILE"));
            try {
                this.prompt = Files.readString(Path.of(env.get("SPEC_KITTY_PROMPT_FILE")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final FakeGit git;
    private final FakeHost host;
    private final Map<String, Deque<Behaviour>> scripts = new ConcurrentHashMap<>();
    public final List<Run> runs = new ArrayList<>();
    public final AtomicInteger running = new AtomicInteger();
    public volatile int maxRunning;
    public final Map<String, AtomicInteger> runningPerWorkspace = new ConcurrentHashMap<>();
    public volatile boolean twoInOneWorkspace;

    public FakeAgents(FakeGit git, FakeHost host) {
        this.git = git;
        this.host = host;
    }

    /** Queues behaviours for (agent, role) where role is implementer or reviewer; after the queue, defaults apply. */
    public FakeAgents script(String agent, String role, Behaviour... behaviours) {
        Deque<Behaviour> q = scripts.computeIfAbsent(agent + "|" + role, k -> new ArrayDeque<>());
        q.addAll(List.of(behaviours));
        return this;
    }

    public synchronized List<Run> runs(String wp, String role) {
        List<Run> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.wp.equals(wp) && r.role.equals(role)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public AgentRunOutput run(AgentCommand command, Path workingDirectory, Duration timeout, Path logFile)
            throws InterruptedException {
        Run run = new Run(command.argv().get(0), command, workingDirectory);
        synchronized (this) {
            runs.add(run);
        }
        int now = running.incrementAndGet();
        maxRunning = Math.max(maxRunning, now);
        AtomicInteger inWs = runningPerWorkspace.computeIfAbsent(workingDirectory.toString(), k -> new AtomicInteger());
        if (inWs.incrementAndGet() > 1) {
            twoInOneWorkspace = true;
        }
        try {
            Deque<Behaviour> q = scripts.get(run.agent + "|" + run.role);
            Behaviour b = q == null ? null : q.poll();
            if (b == null) {
                b = run.role.equals("reviewer") ? approve() : implement();
            }
            return b.run(run);
        } finally {
            inWs.decrementAndGet();
            running.decrementAndGet();
        }
    }

    // ---- behaviours --------------------------------------------------------------------------------------------

    public static AgentRunOutput exit(int code, String stdout) {
        return AgentRunOutput.builder().exitCode(code).stdout(stdout).stderr("").duration(Duration.ofMillis(5))
                .build();
    }

    /** Edits a file and exits 0 (subtasks considered marked). */
    public Behaviour implement() {
        return run -> {
            git.touch(run.workspace, "src/" + run.wp + "-" + run.attempt + ".txt");
            return exit(0, "done\nSPEC_KITTY_USAGE: {\"input_tokens\": 100, \"output_tokens\": 20, \"cost_usd\": 0.01}");
        };
    }

    /** Exits 0 without changing anything. */
    public Behaviour doNothing() {
        return run -> exit(0, "nothing to do");
    }

    public Behaviour crash() {
        return run -> exit(1, "boom");
    }

    public Behaviour authFailure() {
        return run -> exit(41, "not logged in");
    }

    public Behaviour timeout() {
        return run -> AgentRunOutput.builder().exitCode(-1).stdout("partial").stderr("").timedOut(true).build();
    }

    public Behaviour missingBinary() {
        return run -> AgentRunOutput.builder().exitCode(-1).stdout("").stderr("").binaryMissing(true).build();
    }

    public Behaviour approve() {
        return verdictFile("approved", "Looks good.");
    }

    public Behaviour requestChanges(String feedback) {
        return verdictFile("changes_requested", feedback);
    }

    /** Writes the verdict file, and (as a careless reviewer) also edits a file in the workspace. */
    public Behaviour verdictFile(String verdict, String feedback) {
        return run -> {
            try {
                Files.writeString(run.verdictFile, "{\"verdict\": \"" + verdict + "\", \"feedback\": \""
                        + feedback + "\"}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            git.touch(run.workspace, "REVIEW_NOTES.md");
            return exit(0, "reviewed");
        };
    }

    public Behaviour stdoutVerdict(String text) {
        return run -> exit(0, text);
    }

    /** Blocks until interrupted (for stop tests). */
    public Behaviour hang(java.util.concurrent.CountDownLatch started) {
        return run -> {
            started.countDown();
            Thread.sleep(Long.MAX_VALUE);
            return exit(0, "");
        };
    }

    /** An adapter with fake exit-code semantics: 0 ok, 41 auth, 42 rate limit, timeout, missing binary, else crash. */
    public static AgentAdapter adapter(String id) {
        return new AgentAdapter() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String executable() {
                return id;
            }

            @Override
            public AgentCommand command(AgentInvocation in) {
                return AgentCommand.builder().addArgv(id).addAllArgv(in.extraArgs()).stdin(in.prompt()).build();
            }

            @Override
            public AgentOutcome interpret(AgentInvocation in, AgentRunOutput out) {
                AgentOutcome.Builder b = AgentOutcome.builder();
                if (out.binaryMissing()) {
                    b.failure(AgentFailure.MISSING_BINARY);
                } else if (out.timedOut()) {
                    b.failure(AgentFailure.TIMEOUT);
                } else if (out.exitCode() == 41) {
                    b.failure(AgentFailure.AUTH);
                } else if (out.exitCode() == 42) {
                    b.failure(AgentFailure.RATE_LIMIT);
                } else if (out.exitCode() != 0) {
                    b.failure(AgentFailure.CRASH);
                }
                for (String line : out.stdout().lines().toList()) {
                    if (line.startsWith("SPEC_KITTY_USAGE: ")) {
                        b.usage(AgentUsage.builder().inputTokens(100).outputTokens(20).costUsd(0.01).build());
                    }
                }
                return b.summary(out.stdout().lines().reduce((a, c) -> c).orElse("")).build();
            }
        };
    }
}
