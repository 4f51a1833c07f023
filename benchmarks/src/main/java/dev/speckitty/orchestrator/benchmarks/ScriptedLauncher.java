package dev.speckitty.orchestrator.benchmarks;

import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * In-process agents behind the engine's launcher seam: an implementer sleeps its scripted duration (0 = instant) and
 * runs an optional hook (e.g. edit a file and mark subtasks on the simulated host); a reviewer approves, or asks for
 * changes on its first review of each WP when {@code rejectFirstReview} is set.
 */
final class ScriptedLauncher implements AgentLauncher {
    static final String IMPLEMENTER = "bench-impl";
    static final String REVIEWER = "bench-rev";

    private final ToLongFunction<String> implMillis;
    private final boolean rejectFirstReview;
    private final BiConsumer<String, Path> onImplement;
    private final Map<String, AtomicInteger> reviews = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    volatile int maxRunning;

    ScriptedLauncher(ToLongFunction<String> implMillis, boolean rejectFirstReview, BiConsumer<String, Path> onImplement) {
        this.implMillis = implMillis;
        this.rejectFirstReview = rejectFirstReview;
        this.onImplement = onImplement;
    }

    static ScriptedLauncher instant() {
        return new ScriptedLauncher(wp -> 0L, false, (wp, ws) -> {});
    }

    @Override
    public AgentRunOutput run(AgentCommand command, Path workingDirectory, Duration timeout, Path logFile)
            throws InterruptedException {
        Map<String, String> env = command.environment();
        String wp = env.get("SPEC_KITTY_WP_ID");
        int now = running.incrementAndGet();
        if (now > maxRunning) {
            maxRunning = now;
        }
        long t0 = System.nanoTime();
        try {
            if ("reviewer".equals(env.get("SPEC_KITTY_ROLE"))) {
                int n = reviews.computeIfAbsent(wp, k -> new AtomicInteger()).incrementAndGet();
                String out = rejectFirstReview && n == 1
                        ? "VERDICT: CHANGES_REQUESTED\nFEEDBACK:\nPlease add a test.\n"
                        : "VERDICT: APPROVED\n";
                return output(out, t0);
            }
            long ms = implMillis.applyAsLong(wp);
            if (ms > 0) {
                Thread.sleep(ms); // the scripted agent duration itself, not a wait for a condition
            }
            onImplement.accept(wp, workingDirectory);
            return output("implemented " + wp + "\n", t0);
        } finally {
            running.decrementAndGet();
        }
    }

    private static AgentRunOutput output(String stdout, long t0) {
        return AgentRunOutput.builder().exitCode(0).stdout(stdout).stderr("")
                .duration(Duration.ofNanos(System.nanoTime() - t0)).build();
    }

    /** The adapters the engine needs for the two agent ids; exit code 0 is success, anything else a crash. */
    static List<AgentAdapter> adapters() {
        return List.of(adapter(IMPLEMENTER), adapter(REVIEWER));
    }

    private static AgentAdapter adapter(String id) {
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
                return AgentCommand.builder().addArgv(id).build();
            }

            @Override
            public AgentOutcome interpret(AgentInvocation in, AgentRunOutput out) {
                AgentOutcome.Builder b = AgentOutcome.builder().summary(out.stdout().strip());
                if (out.exitCode() != 0) {
                    b.failure(AgentFailure.CRASH);
                }
                return b.build();
            }
        };
    }
}
