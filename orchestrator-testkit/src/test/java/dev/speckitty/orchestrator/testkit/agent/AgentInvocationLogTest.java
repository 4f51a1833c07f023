package dev.speckitty.orchestrator.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentInvocationLogTest {
    @TempDir
    Path dir;

    private static String start(String id, String wp, String role, String at) {
        return "{\"event\":\"start\",\"invocation\":\"" + id + "\",\"wp\":\"" + wp + "\",\"role\":\"" + role
                + "\",\"attempt\":1,\"mission\":\"m\",\"pid\":1,\"workspace\":\"/w\",\"at\":\"" + at
                + "\",\"args\":[\"-p\"]}\n";
    }

    private static String end(String id, String at) {
        return "{\"event\":\"end\",\"invocation\":\"" + id + "\",\"at\":\"" + at
                + "\",\"exit_code\":0,\"files\":[\"f\"],\"committed\":true,\"subtasks_marked\":[\"T001\"],"
                + "\"mark_status_exit_code\":0,\"verdict\":\"approved\"}\n";
    }

    @Test
    void joinsStartAndEndAndFindsOverlaps() throws IOException {
        Path log = dir.resolve("log.jsonl");
        Files.writeString(log, start("a", "WP01", "implementer", "2026-01-01T00:00:00Z")
                + start("b", "WP02", "implementer", "2026-01-01T00:00:01Z")
                + end("a", "2026-01-01T00:00:05Z")
                + start("c", "WP01", "implementer", "2026-01-01T00:00:05Z") // touches a: no overlap
                + end("b", "2026-01-01T00:00:03Z")
                + start("d", "WP02", "implementer", "2026-01-01T00:00:02Z") // overlaps b, never ends
                + start("e", "WP01", "reviewer", "2026-01-01T00:00:06Z")
                + "{\"event\":\"start\",\"invoc"); // torn last line of a killed run
        AgentInvocationLog l = AgentInvocationLog.read(log);
        assertThat(l.records()).extracting(AgentInvocationRecord::invocationId).containsExactly("a", "b", "d", "c",
                "e");
        AgentInvocationRecord a = l.records().get(0);
        assertThat(a.exitCode()).contains(0);
        assertThat(a.filesWritten()).containsExactly("f");
        assertThat(a.subtasksMarked()).containsExactly("T001");
        assertThat(a.verdict()).contains("approved");
        assertThat(a.committed()).isTrue();
        assertThat(a.args()).containsExactly("-p");
        assertThat(l.forWorkPackage("WP01")).hasSize(3);
        assertThat(l.forRole(ScriptedRole.REVIEWER)).hasSize(1);
        assertThat(l.overlappingRuns(ScriptedRole.IMPLEMENTER)).hasSize(1);
        assertThat(l.overlappingRuns(ScriptedRole.IMPLEMENTER).get(0))
                .extracting(AgentInvocationRecord::invocationId).containsExactly("b", "d");
        assertThat(l.records().get(2).endedAt()).isEmpty();
        // a, b and d run together between 00:02 and 00:03.
        assertThat(l.maxConcurrency()).isEqualTo(3);
    }

    @Test
    void missingFileIsEmptyAndGarbageIsNamed() throws IOException {
        assertThat(AgentInvocationLog.read(dir.resolve("none")).records()).isEmpty();
        assertThat(AgentInvocationLog.read(dir.resolve("none")).maxConcurrency()).isZero();
        Path log = dir.resolve("bad.jsonl");
        Files.writeString(log, "garbage\n" + start("a", "WP01", "implementer", "2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> AgentInvocationLog.read(log)).hasMessageContaining("line 1");
    }
}
