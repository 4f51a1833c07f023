package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Finding and stopping what a killed orchestrator left running (agents) or still finishing (host calls). */
@EnabledOnOs(OS.LINUX) // process environments are read from /proc
class OrphanAgentsTest {
    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    /** Only this JVM is excluded, so our own children stand in for orphans (which have no parent of ours). */
    private static Set<Long> onlySelf() {
        return Set.of(ProcessHandle.current().pid());
    }

    @Test
    void findsTheAgentsOfTheMissionInTheProjectAndStopsThem() throws Exception {
        Process agent = start(Map.of("SPEC_KITTY_REPO_ROOT", root.toString(), "SPEC_KITTY_MISSION", "042-pay",
                "SPEC_KITTY_WP_ID", "WP02", "SPEC_KITTY_ROLE", "implementer"));
        Process otherMission = start(Map.of("SPEC_KITTY_REPO_ROOT", root.toString(), "SPEC_KITTY_MISSION", "043-x",
                "SPEC_KITTY_WP_ID", "WP01", "SPEC_KITTY_ROLE", "implementer"));
        Process otherProject = start(Map.of("SPEC_KITTY_REPO_ROOT", root.resolve("elsewhere").toString(),
                "SPEC_KITTY_MISSION", "042-pay", "SPEC_KITTY_WP_ID", "WP01", "SPEC_KITTY_ROLE", "reviewer"));

        List<OrphanAgents.Orphan> found = OrphanAgents.find(root, "042-pay", onlySelf());
        assertThat(found).extracting(o -> o.handle().pid()).containsExactly(agent.pid());
        assertThat(found.get(0).describe()).isEqualTo("WP02 implementer (pid " + agent.pid() + ")");
        // the default excludes this process's own descendants: a live orchestrator's agents are never orphans
        assertThat(OrphanAgents.find(root, "042-pay")).isEmpty();

        assertThat(OrphanAgents.stop(found, Duration.ofSeconds(10))).isEmpty();
        assertThat(agent.isAlive()).isFalse();
        assertThat(otherMission.isAlive()).isTrue();
        assertThat(otherProject.isAlive()).isTrue();
    }

    @Test
    void findsTheHostCallsOfTheMissionAndWaitsForThem() throws Exception {
        Process call = start(Map.of("SPECIFY_REPO_ROOT", root.toString()), "orchestrator-api", "transition",
                "--mission=042-pay", "--wp=WP01");
        start(Map.of("SPECIFY_REPO_ROOT", root.toString()), "orchestrator-api", "transition", "--mission=043-x");
        start(Map.of("SPECIFY_REPO_ROOT", root.toString()), "agent", "tasks", "--mission=042-pay");

        List<ProcessHandle> calls = OrphanAgents.hostCalls(root, "042-pay", onlySelf());
        assertThat(calls).extracting(ProcessHandle::pid).containsExactly(call.pid());
        assertThat(OrphanAgents.hostCalls(root, "042-pay")).isEmpty();

        assertThat(OrphanAgents.awaitEnd(calls, Duration.ofMillis(200))).isFalse();
        call.getOutputStream().close(); // the call finishes
        assertThat(OrphanAgents.awaitEnd(calls, Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void readsAProcessEnvironmentAndNothingForAMissingProcess() throws Exception {
        Process p = start(Map.of("SPEC_KITTY_WP_ID", "WP07"));
        assertThat(OrphanAgents.environment(p.pid())).containsEntry("SPEC_KITTY_WP_ID", "WP07");
        assertThat(OrphanAgents.environment(Long.MAX_VALUE)).isEmpty();
    }

    private Process start(Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IdleMain.class.getName()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SPEC_KITTY_") || k.equals("SPECIFY_REPO_ROOT"));
        pb.environment().putAll(env);
        Process p = pb.start();
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
