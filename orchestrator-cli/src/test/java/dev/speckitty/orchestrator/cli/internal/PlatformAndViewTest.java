package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformAndViewTest {
    @TempDir
    Path tmp;

    private Path exe(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void sleepInhibitionCommandPerPlatform() throws IOException {
        assertThat(SleepInhibitor.command("Mac OS X", Map.of(), 42)).hasValueSatisfying(argv ->
                assertThat(argv.subList(1, argv.size())).containsExactly("-i", "-w", "42"));
        assertThat(SleepInhibitor.command("Linux", Map.of("PATH", tmp.toString()), 42)).isEmpty();
        Path inhibit = exe("systemd-inhibit");
        Path tail = exe("tail");
        assertThat(SleepInhibitor.command("Linux", Map.of("PATH", tmp.toString()), 42)).hasValue(List.of(
                inhibit.toString(), "--what=idle:sleep", "--who=spec-kitty-orchestrator",
                "--why=orchestrating a spec-kitty mission", "--mode=block", tail.toString(), "--pid=42", "-f",
                "/dev/null"));
        assertThat(SleepInhibitor.command("Windows 11", Map.of("PATH", tmp.toString()), 42)).isEmpty();
        try (SleepInhibitor off = SleepInhibitor.start(false, Map.of())) {
            assertThat(off.active()).isFalse();
        }
    }

    @Test
    void repoRootDetection() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("p/.kittify"));
        Path deep = Files.createDirectories(tmp.resolve("p/src/main"));
        assertThat(ProjectOptions.detectRoot(deep)).isEqualTo(project.getParent());
        Path plain = Files.createDirectories(tmp.resolve("q/a"));
        assertThat(ProjectOptions.detectRoot(plain)).isNotEqualTo(project.getParent());
    }

    @Test
    void viewRendersTheTable() {
        RunView v = new RunView(2);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        v.start("m", "run1", t0);
        v.lane("WP01", "in_progress");
        v.agentStarted("WP01", "implementer", "claude-code", 2, t0.plusSeconds(10));
        v.lane("WP02", "done");
        v.agentFinished("WP02", 0.5);
        v.event("one");
        v.event("two");
        v.event("three");
        List<String> lines = v.render(t0.plusSeconds(75), 120);
        assertThat(lines.get(0)).contains("mission m", "run run1", "1:15", "1/2 done", "1 running", "$0.5000");
        assertThat(lines.get(1)).contains("WP", "LANE", "ROLE", "AGENT", "ATTEMPT", "ELAPSED", "COST");
        assertThat(lines.get(2)).contains("WP01", "in_progress", "implementer", "claude-code", "2", "1:05");
        assertThat(lines.get(3)).contains("WP02", "done", "$0.5000");
        assertThat(lines).endsWith("two", "three").doesNotContain("one");
        assertThat(v.render(t0, 20)).allSatisfy(l -> assertThat(l.length()).isLessThan(20));
    }

    @Test
    void plainDisplayPrintsTimestampedLinesAndQuietOnlyWarnings() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
        StringWriter sw = new StringWriter();
        try (Display d = Display.choose(new PrintWriter(sw), false, false, clock)) {
            d.line("WP01 claimed");
            d.warn("WP02 blocked");
        }
        assertThat(sw.toString()).isEqualTo("2026-01-01T10:00:00Z WP01 claimed\n2026-01-01T10:00:00Z warning: WP02"
                + " blocked\n");
        StringWriter q = new StringWriter();
        try (Display d = Display.choose(new PrintWriter(q), true, false, clock)) {
            d.line("WP01 claimed");
            d.warn("WP02 blocked");
        }
        assertThat(q.toString()).isEqualTo("2026-01-01T10:00:00Z warning: WP02 blocked\n");
    }
}
