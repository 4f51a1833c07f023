package dev.speckitty.orchestrator.cli.internal;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;

/**
 * Renders a run: a live table redrawn in place on a terminal, or timestamped plain lines otherwise, or nothing but
 * warnings with {@code --quiet}. Thread-safe.
 */
abstract class Display implements AutoCloseable {
    final RunView view = new RunView(6);

    /** Reports one event line (also kept in the view). */
    abstract void line(String text);

    /** Reports a warning; shown even when quiet. */
    abstract void warn(String text);

    @Override
    public abstract void close();

    /**
     * Chooses the display for this process.
     *
     * @param out where output goes
     * @param quiet only warnings and the summary
     * @param interactive whether stdout may be a terminal (the real process)
     * @param clock the clock for timestamps and elapsed times
     */
    static Display choose(PrintWriter out, boolean quiet, boolean interactive, Clock clock) {
        if (quiet) {
            return new Plain(out, clock, true);
        }
        if (interactive && System.console() != null) {
            try {
                Terminal t = TerminalBuilder.builder().system(true).dumb(false).build();
                if (!Terminal.TYPE_DUMB.equals(t.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(t.getType())
                        && t.getWidth() > 0) {
                    return new Live(t, clock);
                }
                t.close();
            } catch (Exception | LinkageError e) {
                // no usable terminal: plain lines
            }
        }
        return new Plain(out, clock, false);
    }

    /** Timestamped plain lines (stdout is not a terminal, or quiet). */
    static final class Plain extends Display {
        private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
                .withZone(ZoneOffset.UTC);
        private final PrintWriter out;
        private final Clock clock;
        private final boolean quiet;

        Plain(PrintWriter out, Clock clock, boolean quiet) {
            this.out = out;
            this.clock = clock;
            this.quiet = quiet;
        }

        @Override
        synchronized void line(String text) {
            view.event(text);
            if (!quiet) {
                out.println(TS.format(clock.instant()) + " " + text);
                out.flush();
            }
        }

        @Override
        synchronized void warn(String text) {
            view.event("warning: " + text);
            out.println(TS.format(clock.instant()) + " warning: " + text);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** The live table, redrawn four times a second with JLine's {@link org.jline.utils.Display}. */
    static final class Live extends Display {
        private final Terminal terminal;
        private final Clock clock;
        private final org.jline.utils.Display screen;
        private final ScheduledExecutorService ticker;
        private boolean closed;

        Live(Terminal terminal, Clock clock) {
            this.terminal = terminal;
            this.clock = clock;
            this.screen = new org.jline.utils.Display(terminal, false);
            screen.resize(terminal.getHeight(), terminal.getWidth());
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spec-kitty-orchestrator-display");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 0, 250, TimeUnit.MILLISECONDS);
        }

        private synchronized void redraw() {
            if (closed) {
                return;
            }
            int width = Math.max(terminal.getWidth(), 20);
            int height = Math.max(terminal.getHeight(), 5);
            screen.resize(height, width);
            List<String> lines = view.render(clock.instant(), width);
            if (lines.size() > height - 1) {
                lines = lines.subList(0, height - 1);
            }
            screen.update(lines.stream().map(AttributedString::new).toList(), -1);
            terminal.flush();
        }

        @Override
        void line(String text) {
            view.event(text);
        }

        @Override
        void warn(String text) {
            view.event("warning: " + text);
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            synchronized (this) {
                if (closed) {
                    return;
                }
                redraw();
                closed = true;
                terminal.writer().println();
                terminal.flush();
                try {
                    terminal.close();
                } catch (java.io.IOException e) {
                    // closing a system terminal cannot lose data
                }
            }
        }

    }
}
