package dev.speckitty.orchestrator.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Receives the engine's events (console display, JSON lines, webhooks are listeners). Called on the engine's
 * coordinator thread in event order: implementations must be fast and must not block; exceptions they throw are
 * logged and ignored, never stopping the run.
 */
@FunctionalInterface
public interface OrchestrationListener {
    /** A listener that ignores everything. */
    OrchestrationListener NONE = event -> {};

    /**
     * Handles one event.
     *
     * @param event the event, never null
     */
    void onEvent(OrchestrationEvent event);

    /**
     * Returns a listener forwarding to each given listener in order; one failing does not stop the others.
     *
     * @param listeners the listeners
     * @return the composite
     */
    static OrchestrationListener composite(List<OrchestrationListener> listeners) {
        List<OrchestrationListener> copy = List.copyOf(listeners);
        return event -> {
            for (OrchestrationListener l : copy) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(OrchestrationListener.class)
                            .warn("listener {} failed on {}: {}", l, event.type(), e.toString());
                }
            }
        };
    }

    /**
     * Returns a listener writing each event as one JSON line and flushing after it. The writer is not closed.
     *
     * @param out where to write
     * @return the listener
     * @throws UncheckedIOException from {@link #onEvent} when writing fails
     */
    static OrchestrationListener jsonLines(Writer out) {
        return event -> {
            synchronized (out) {
                try {
                    out.write(event.toJsonLine());
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Returns a webhook listener POSTing each event as JSON to the URL, with the defaults of
     * {@link WebhookListener#builder()} (bounded queue, retries with backoff, never blocking the engine). Close it when
     * the run ends to flush the queue.
     *
     * @param uri the http(s) URL, not null
     * @return the started listener
     * @throws IllegalArgumentException when the URI is not an absolute http(s) URL
     */
    static WebhookListener webhook(java.net.URI uri) {
        return WebhookListener.builder().uri(uri).build();
    }
}
