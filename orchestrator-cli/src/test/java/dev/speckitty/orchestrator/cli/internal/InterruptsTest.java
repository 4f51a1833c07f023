package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The second signal's quick quit stops agents (but lets host calls finish) before halting. */
class InterruptsTest {
    private final List<Process> started = new ArrayList<>();

    @Test
    void aQuickQuitStopsAgentProcessesButNotHostCalls() throws Exception {
        Process agent = start("--scenario", "x.json");
        Process hostCall = start("orchestrator-api", "transition", "--mission=m");

        List<ProcessHandle> signalled = Interrupts.stopNow(List.of(agent.toHandle(), hostCall.toHandle()),
                Duration.ofSeconds(10));

        assertThat(signalled).extracting(ProcessHandle::pid).containsExactly(agent.pid());
        assertThat(agent.isAlive()).isFalse();
        assertThat(hostCall.isAlive()).isTrue();
    }

    private Process start(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IdleMain.class.getName()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        started.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("ready");
        return p;
    }

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }
}
