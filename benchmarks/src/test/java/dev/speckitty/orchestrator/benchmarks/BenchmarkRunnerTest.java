package dev.speckitty.orchestrator.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quick configuration so the runner keeps working; asserts that every table exists, never any timing. */
class BenchmarkRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void quickRunProducesEveryTableAndTheJsonFile() throws Exception {
        Path json = tmp.resolve("results.json");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        List<String> ids = BenchmarkRunner.run(List.of("--quick", "--out=" + json), out);
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.println(text);

        assertThat(ids).containsExactlyElementsOf(BenchmarkRunner.TABLE_IDS);
        for (String id : BenchmarkRunner.TABLE_IDS) {
            assertThat(text).contains("[" + id + "]");
        }
        assertThat(text).doesNotContain("FAILED:");
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        List<String> jsonIds = new ArrayList<>();
        root.path("tables").forEach(t -> {
            jsonIds.add(t.path("id").asText());
            assertThat(t.path("rows").size()).as("rows of %s", t.path("id").asText()).isPositive();
        });
        assertThat(jsonIds).containsExactlyElementsOf(BenchmarkRunner.TABLE_IDS);
        assertThat(root.path("cores").asInt()).isPositive();
    }

    @Test
    void unknownArgumentIsRefusedWithTheAccepted() {
        assertThatThrownBy(() -> BenchmarkRunner.run(List.of("--fast"), System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--quick");
    }

    @Test
    void parallelChainsHaveWidthIndependentRoots() {
        var g = BenchmarkRunner.parallelChains(20, 8);
        assertThat(g).hasSize(20);
        assertThat(g.get("WP00008")).isEmpty();
        assertThat(g.get("WP00009")).containsExactly("WP00001");
        assertThat(g.get("WP00020")).containsExactly("WP00012");
    }
}
