package dev.speckitty.orchestrator.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose orchestrator was killed writes into a pipe nobody reads: flushing fails. Its end must still be
 * logged, or the invocation log would show a run that never ended (and overlaps every later run of its WP).
 */
class ScriptedAgentDeadReaderTest {
    @TempDir
    Path dir;

    /** Accepts writes into a buffer and fails every flush, like a pipe whose reader died (EPIPE). */
    private static final class DeadPipe extends OutputStream {
        @Override
        public void write(int b) {}

        @Override
        public void flush() throws IOException {
            throw new IOException("Broken pipe");
        }
    }

    @Test
    void theEndIsLoggedWhenTheOutputCannotBeFlushed() throws IOException {
        Path log = dir.resolve("agents.jsonl");
        Path scenario = AgentScenario.builder().logFile(log.toString()).build().writeTo(dir.resolve("scenario.json"));
        Map<String, String> env = Map.of("SPEC_KITTY_WP_ID", "WP01", "SPEC_KITTY_ROLE", "reviewer",
                "SPEC_KITTY_ATTEMPT", "1", "SPEC_KITTY_MISSION", "m", "SPEC_KITTY_WORKSPACE", dir.toString(),
                "SCRIPTED_AGENT_SCENARIO", scenario.toString());

        new ScriptedAgentRun(env, List.of(), new ByteArrayInputStream(new byte[0]), new DeadPipe(), new DeadPipe(),
                dir).run();

        List<AgentInvocationRecord> runs = AgentInvocationLog.read(log).records();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).endedAt()).as("end logged despite the failed flush").isPresent();
    }
}
