package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every (from, to) pair of the 1.3.0 lane model: with every guard satisfied, a non-forced transition succeeds exactly
 * on the edges of contract section 6.3 and fails with {@code Illegal transition: X -> Y} everywhere else.
 */
class LaneTableTest {
    private static final String M = "001-table";
    private static final List<String> FROM = List.of("planned", "claimed", "in_progress", "for_review", "in_review",
            "approved", "done", "blocked", "canceled");
    private static final List<String> TO = List.of("planned", "claimed", "in_progress", "for_review", "in_review",
            "approved", "done", "blocked", "canceled", "genesis");
    /** Section 6.3, copied from the contract (not from the implementation). */
    private static final Map<String, Set<String>> EDGES = Map.of(
            "planned", Set.of("claimed", "blocked", "canceled"),
            "claimed", Set.of("in_progress", "blocked", "canceled"),
            "in_progress", Set.of("for_review", "approved", "planned", "blocked", "canceled"),
            "for_review", Set.of("in_review", "blocked", "canceled"),
            "in_review", Set.of("approved", "done", "in_progress", "planned", "blocked", "canceled"),
            "approved", Set.of("done", "in_progress", "planned", "blocked", "canceled"),
            "blocked", Set.of("in_progress", "canceled"));

    @TempDir
    static Path tmp;

    static Sim sim;

    @BeforeAll
    static void repo() {
        TestRepo repo = TestRepo.create(tmp);
        List<TestRepo.WpSpec> wps = new ArrayList<>();
        for (int i = 1; i <= FROM.size() * TO.size(); i++) {
            wps.add(TestRepo.wp(String.format("WP%02d", i), List.of()));
        }
        repo.mission(M, null, "main", false, wps.toArray(TestRepo.WpSpec[]::new));
        sim = new Sim(SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.defaults()).build());
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        int n = 1;
        for (String from : FROM) {
            for (String to : TO) {
                out.add(Arguments.of(String.format("WP%02d", n++), from, to));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("pairs")
    void onlyContractEdgesExist(String wp, String from, String to) {
        if (!from.equals("planned")) {
            sim.force(M, wp, from);
        }
        String ref = "review/" + wp;
        Sim.Call c = sim.transition(M, wp, to, "--note", "why", "--review-ref", ref, "--implementation-evidence-present",
                "--review-result-json", "{\"reviewer\":\"r\",\"verdict\":\"approved\",\"reference\":\"" + ref + "\"}",
                "--evidence-json", "{\"review\":{\"reviewer\":\"r\",\"verdict\":\"approved\",\"reference\":\"" + ref
                        + "\"}}");
        boolean edge = EDGES.getOrDefault(from, Set.of()).contains(to);
        assertThat(c.ok()).as(c.stdout()).isEqualTo(edge);
        if (edge) {
            assertThat(c.data().get("from_lane").asText()).isEqualTo(from);
            assertThat(c.data().get("to_lane").asText()).isEqualTo(to);
            assertThat(sim.host.lane(M, wp).wireValue()).isEqualTo(to);
        } else {
            assertThat(c.code()).isEqualTo("TRANSITION_REJECTED");
            assertThat(c.message()).isEqualTo("Illegal transition: " + from + " -> " + to);
        }
    }
}
