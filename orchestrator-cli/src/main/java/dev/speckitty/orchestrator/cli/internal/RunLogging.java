package dev.speckitty.orchestrator.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging of the CLI process: a file per run ({@code .kittify/logs/<run-id>/orchestrator.log}, INFO, DEBUG with
 * {@code --verbose}) and, with {@code --verbose}, DEBUG lines on stderr. Nothing is logged to the console otherwise,
 * so the live display stays clean.
 */
final class RunLogging implements AutoCloseable {
    private final FileAppender<ILoggingEvent> file;
    private final ConsoleAppender<ILoggingEvent> console;

    private RunLogging(FileAppender<ILoggingEvent> file, ConsoleAppender<ILoggingEvent> console) {
        this.file = file;
        this.console = console;
    }

    /**
     * Starts logging for a command.
     *
     * @param logFile the run's log file, or {@code null} for none
     * @param verbose whether to log DEBUG and to copy log lines to stderr
     * @return a handle that detaches the appenders
     */
    static RunLogging start(Path logFile, boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new RunLogging(null, null);
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        FileAppender<ILoggingEvent> file = null;
        ConsoleAppender<ILoggingEvent> console = null;
        if (logFile != null) {
            file = new FileAppender<>();
            file.setContext(ctx);
            file.setName("run-file-" + logFile);
            file.setFile(logFile.toString());
            file.setAppend(true);
            file.setEncoder(encoder(ctx, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{30}: %msg%n"));
            file.start();
            root.addAppender(file);
        }
        if (verbose) {
            console = new ConsoleAppender<>();
            console.setContext(ctx);
            console.setName("verbose-stderr");
            console.setTarget("System.err");
            console.setEncoder(encoder(ctx, "%d{HH:mm:ss.SSS} %-5level %logger{20}: %msg%n"));
            console.start();
            root.addAppender(console);
        }
        if (file != null || console != null) {
            root.setLevel(verbose ? Level.DEBUG : Level.INFO);
        }
        return new RunLogging(file, console);
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(pattern);
        e.start();
        return e;
    }

    @Override
    public void close() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (file != null) {
            root.detachAppender(file);
            file.stop();
        }
        if (console != null) {
            root.detachAppender(console);
            console.stop();
        }
        if (root.iteratorForAppenders().hasNext() == false) {
            root.setLevel(Level.OFF);
        }
    }
}
