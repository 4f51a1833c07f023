package dev.speckitty.orchestrator.core.agent.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The run's log file: lines from both streams, each passed through the redactor, written as they arrive and flushed
 * per chunk so a live run can be tailed. Write errors are remembered, not thrown: a full disk must not kill the run.
 */
public final class LogSink implements AutoCloseable {
    private final BufferedWriter writer;
    private final UnaryOperator<String> redactor;
    private IOException failure;

    /**
     * Creates a sink.
     *
     * @param out the opened log file
     * @param redactor applied to every line
     */
    public LogSink(OutputStream out, UnaryOperator<String> redactor) {
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        this.redactor = redactor;
    }

    /**
     * Writes one line, redacted.
     *
     * @param prefix a marker such as {@code "[stderr] "}, may be empty
     * @param line the line without its terminator
     */
    public synchronized void line(String prefix, String line) {
        if (failure != null) {
            return;
        }
        try {
            writer.write(prefix);
            writer.write(redactor.apply(line));
            writer.newLine();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Flushes buffered lines. */
    public synchronized void flush() {
        if (failure != null) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * Returns the first write error, if any.
     *
     * @return the error or null
     */
    public synchronized IOException failure() {
        return failure;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
