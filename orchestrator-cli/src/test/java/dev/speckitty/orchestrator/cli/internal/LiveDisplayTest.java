package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/**
 * The live table draws through JLine on a (virtual) terminal. JLine rewrites only what changed between frames, and a
 * tick may draw before the view is filled, so the test looks for the new words rather than whole lines.
 */
class LiveDisplayTest {

    @Test
    void drawsTheTableOnATerminal() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder().system(false).type("xterm-256color")
                .streams(new ByteArrayInputStream(new byte[0]), screen).size(new Size(100, 20))
                .encoding(StandardCharsets.UTF_8).build();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:01:00Z"), ZoneOffset.UTC);
        Display.Live live = new Display.Live(terminal, clock);
        live.view.start("mission-x", "run-7", Instant.parse("2026-01-01T00:00:00Z"));
        live.view.lane("WP01", "in_progress");
        live.view.agentStarted("WP01", "implementer", "claude-code", 1, Instant.parse("2026-01-01T00:00:30Z"));
        live.line("WP01 claimed");
        live.warn("WP02 blocked");
        live.close();
        String out = screen.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("mission-x", "run-7", "WP01", "in_progress", "implementer",
                "claude-code", "0:30", "WP01 claimed", "warning: WP02 blocked");
        assertThat(out).contains("\u001b["); // drawn with escape sequences, not plain lines
    }
}
