package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every real-host transcript (spec-kitty-cli 3.2.6rc3) against the simulator, in transcript order, on two
 * equivalent missions in a real git repository, doing the agent-side work the real run did between calls (lane
 * commits, subtask marks, committing the main checkout after acceptance). Each call must agree with the real host on
 * exit code, command, success, error code, lanes, payload keys (in order) and JSON types, and on the values that do
 * not depend on paths or clocks.
 *
 * <p>Deliberate differences, each checked in its own way:
 * <ul>
 *   <li>{@code 079}: the real coord-topology mission crashed in {@code accept-mission} because its coordination
 *       worktree had no {@code meta.json}. The simulator has no coordination topology, so the same call succeeds
 *       (and, as the real host's acceptance does, dirties {@code meta.json}, which makes {@code 081} fail like the
 *       real run did).
 *   <li>{@code 200}: a concurrency race of the real host's first lane allocation on another mission; the simulator
 *       serializes allocation under the mission lock, so the race cannot be replayed (inject it with a
 *       {@link Fault} instead).
 *   <li>Messages that embed paths, commit ids or the lane base ({@code PREFLIGHT_FAILED} errors, the lane commit
 *       gate) are compared by shape only: the simulator parents lanes on the mission branch for both topologies.
 * </ul>
 */
class RealHostConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALUE_KEYS = Set.of("from_lane", "to_lane", "no_op", "lane_id", "wp_id",
            "unsatisfied_dependencies", "incomplete_wps", "approved_wps", "done_wps", "accepted_wps",
            "merge_pending_wps", "ready_work_packages", "summary", "strategy", "merged", "claimed_by",
            "requesting_actor", "policy_metadata_recorded", "accepted", "mode", "worktree_removed", "api_version",
            "min_supported_provider_version", "provider_version", "supported", "lane", "dependencies", "last_actor",
            "mission_number", "dependencies_satisfied", "mission_slug", "target_branch");
    private static final Set<String> MESSAGE_CODES = Set.of("POLICY_METADATA_REQUIRED", "POLICY_VALIDATION_FAILED",
            "MISSION_NOT_FOUND", "WP_NOT_FOUND", "USAGE_ERROR", "DEPENDENCIES_NOT_SATISFIED", "WP_ALREADY_CLAIMED",
            "CONTRACT_VERSION_MISMATCH", "MISSION_NOT_READY", "UNSUPPORTED_STRATEGY", "TRANSITION_REJECTED");

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyTranscriptAgreesWithTheSimulator() {
        TestRepo repo = TestRepo.create(tmp);
        repo.diamond("demo-greeter-01M88FBY", "01M88FBYQ9ZX3R7W2M5T8H4FBD", "feat/demo-greeter", true);
        repo.diamond("demo-farewell-01M88FMX", "01M88FMXQ9ZX3R7W2M5T8H4FBE", "feat/demo-farewell", true);
        SimulatedHost host = SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.defaults())
                .build();
        List<Transcript> transcripts = Transcript.all();
        assertThat(transcripts).hasSizeGreaterThan(80);
        List<DynamicTest> tests = new ArrayList<>();
        for (Transcript t : transcripts) {
            tests.add(DynamicTest.dynamicTest(t.name(), () -> replay(repo, host, t)));
        }
        return tests.stream();
    }

    private void replay(TestRepo repo, SimulatedHost host, Transcript t) {
        if (t.name().startsWith("200-")) {
            // not replayable (see class comment); still check the real envelope has the documented shape
            JsonNode real = lastJson(t.stdout());
            assertThat(real.path("error_code").asText()).isEqualTo("LANE_ALLOCATION_FAILED");
            assertThat(fieldNames(real.path("data"))).containsExactly("mission_slug", "mission_number",
                    "mission_type", "wp_id", "reason", "message");
            return;
        }
        agentWorkBefore(repo, host, t);
        TransportResponse sim = host.run(t.argv(), Duration.ofMinutes(2));
        if (t.name().startsWith("079-")) {
            assertThat(sim.exitCode()).as(sim.stdout() + sim.stderr()).isZero();
            assertThat(lastJson(sim.stdout()).path("command").asText()).isEqualTo("orchestrator-api.accept-mission");
            return;
        }
        assertThat(sim.exitCode()).as("exit code; stdout=%s stderr=%s", sim.stdout(), sim.stderr())
                .isEqualTo(t.exitCode());
        if (t.stdout().isBlank()) {
            assertThat(sim.stdout()).as("a crash prints nothing on stdout").isBlank();
            assertThat(sim.stderr()).contains("Traceback");
            String realType = t.stderr().lines().filter(l -> l.matches("^[A-Za-z_.]+(Error|Exception): .*"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(sim.stderr()).as("same Python exception type").contains(realType.substring(0,
                    realType.indexOf(':') + 1));
            return;
        }
        JsonNode real = lastJson(t.stdout());
        JsonNode mine = lastJson(sim.stdout());
        assertThat(fieldNames(mine)).containsExactlyElementsOf(fieldNames(real));
        for (String k : List.of("contract_version", "command", "success", "error_code")) {
            assertThat(mine.get(k)).as(k).isEqualTo(real.get(k));
        }
        assertThat(mine.path("correlation_id").asText()).matches("corr-[0-9a-f]{32}");
        assertThat(mine.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
        assertThat(sim.stdout().strip().lines().reduce((a, b) -> b).orElseThrow())
                .as("json.dumps separators").contains("\", \"command\": \"");
        sameShape("data", real.get("data"), mine.get("data"));
        String code = real.path("error_code").asText(null);
        if (code != null && MESSAGE_CODES.contains(code) && !real.path("data").has("lane_id")) {
            assertThat(mine.path("data").path("message").asText()).isEqualTo(real.path("data").path("message").asText());
        }
        long realPrefix = t.stdout().strip().lines().count() - 1;
        long simPrefix = sim.stdout().strip().lines().count() - 1;
        assertThat(simPrefix > 0).as("lines before the envelope (git's 'Deleted branch')").isEqualTo(realPrefix > 0);
        if (t.stderr().contains("requires evidence")) {
            assertThat(sim.stderr()).contains("requires evidence");
        }
    }

    /** What the real operator and agents did between the recorded calls. */
    private void agentWorkBefore(TestRepo repo, SimulatedHost host, Transcript t) {
        String mission = t.option("mission");
        String wp = t.option("wp");
        JsonNode real = t.stdout().isBlank() ? null : lastJson(t.stdout());
        if (t.subcommand().equals("transition") && "for_review".equals(t.option("to"))) {
            boolean commitGate = real != null && real.path("data").has("lane_id");
            if (!commitGate) {
                Path lane = Path.of(host.run(List.of("orchestrator-api", "resolve-workspace", "--mission", mission,
                        "--wp", wp), Duration.ofMinutes(1)).stdout().replaceAll("(?s).*\"workspace_path\": \"([^\"]+)\".*",
                        "$1").strip());
                repo.commitIn(lane, wp + "-" + t.name().substring(0, 3) + ".txt", "work of " + wp + "\n");
            }
            if (real != null && real.path("success").asBoolean()) {
                host.markSubtasksDone(mission, subtasksOf(wp));
            }
        }
        if (t.subcommand().equals("merge-mission") && real != null && real.path("success").asBoolean()) {
            repo.git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-a", "-m",
                    "record acceptance");
        }
    }

    private static String[] subtasksOf(String wp) {
        return switch (wp) {
            case "WP01" -> new String[] {"T001", "T002"};
            case "WP02" -> new String[] {"T003"};
            case "WP03" -> new String[] {"T004"};
            default -> new String[] {"T005"};
        };
    }

    private void sameShape(String path, JsonNode real, JsonNode mine) {
        assertThat(type(mine)).as(path + " type").isEqualTo(type(real));
        if (real.isObject()) {
            assertThat(fieldNames(mine)).as(path + " keys").containsExactlyElementsOf(fieldNames(real));
            for (Map.Entry<String, JsonNode> e : real.properties()) {
                sameShape(path + "." + e.getKey(), e.getValue(), mine.get(e.getKey()));
                if (VALUE_KEYS.contains(e.getKey())) {
                    assertThat(mine.get(e.getKey())).as(path + "." + e.getKey()).isEqualTo(e.getValue());
                }
            }
        } else if (real.isArray()) {
            assertThat(mine.size()).as(path + " size").isEqualTo(real.size());
            for (int i = 0; i < real.size(); i++) {
                sameShape(path + "[" + i + "]", real.get(i), mine.get(i));
            }
        }
    }

    private static String type(JsonNode n) {
        return n == null ? "absent" : n.getNodeType().name();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode lastJson(String stdout) {
        List<String> lines = stdout.strip().lines().toList();
        try {
            return JSON.readTree(lines.get(lines.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
