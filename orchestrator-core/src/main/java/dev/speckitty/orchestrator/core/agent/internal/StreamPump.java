package dev.speckitty.orchestrator.core.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains one process stream: decodes UTF-8 (malformed bytes become U+FFFD), appends to a {@link CappedText} and writes
 * complete lines to the {@link LogSink}. A line longer than 64 Ki characters is written in pieces so a newline-free
 * flood cannot grow memory. Runs until end of stream or a read error.
 */
public final class StreamPump implements Runnable {
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final CappedText capture;
    private final LogSink log;
    private final String prefix;
    private final AtomicLong lastActivity;

    /**
     * Creates a pump.
     *
     * @param in the stream
     * @param capture the in-memory capture
     * @param log the log sink
     * @param prefix the log line prefix
     * @param lastActivity set to {@link System#nanoTime()} whenever output arrives
     */
    public StreamPump(InputStream in, CappedText capture, LogSink log, String prefix, AtomicLong lastActivity) {
        this.in = in;
        this.capture = capture;
        this.log = log;
        this.prefix = prefix;
        this.lastActivity = lastActivity;
    }

    @Override
    public void run() {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        char[] buf = new char[8192];
        StringBuilder line = new StringBuilder();
        try (reader) {
            int n;
            while ((n = reader.read(buf)) >= 0) {
                lastActivity.set(System.nanoTime());
                capture.append(buf, 0, n);
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        emit(line);
                    } else if (c != '\r') {
                        line.append(c);
                        if (line.length() >= MAX_LINE) {
                            emit(line);
                        }
                    }
                }
                log.flush();
            }
        } catch (IOException e) {
            // Stream closed under us (process killed, pipe closed): keep what was read.
        } finally {
            if (line.length() > 0) {
                emit(line);
            }
            log.flush();
        }
    }

    private void emit(StringBuilder line) {
        log.line(prefix, line.toString());
        line.setLength(0);
    }
}
