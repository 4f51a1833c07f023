package dev.speckitty.orchestrator.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener POSTing each event as JSON ({@link OrchestrationEvent#toJsonLine()}, {@code Content-Type:
 * application/json}) to a webhook URL.
 *
 * <p>{@link #onEvent} only offers the event to a bounded queue, so it is fast, never blocks and never throws; when the
 * queue is full the event is dropped and counted ({@link #dropped()}), with a log warning. One daemon thread sends the
 * events in order, each request with its own timeout; connection errors, timeouts, HTTP 5xx and 429 are retried with
 * exponential backoff up to {@code maxAttempts} attempts, other statuses (4xx) are not retried. An event that could
 * not be delivered is counted in {@link #failed()} and logged; it never affects the run.
 *
 * <p>{@link #close()} stops accepting events and waits (up to the close timeout) for the queue to be sent; what is left
 * after the deadline is abandoned and counted as dropped. All methods are thread-safe.
 */
public final class WebhookListener implements OrchestrationListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookListener.class);

    private final URI uri;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration closeTimeout;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final BlockingQueue<String> queue;
    private final Thread sender;
    private final Object lock = new Object();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private long pending; // guarded by lock: accepted and not yet finished
    private boolean closed; // guarded by lock

    private WebhookListener(Builder b) {
        this.uri = b.uri;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.closeTimeout = b.closeTimeout;
        this.headers = Map.copyOf(b.headers);
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        this.sender = new Thread(this::sendLoop, "orchestrator-webhook-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Returns a builder; {@link Builder#uri(URI)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues the event for sending; never blocks and never throws. Drops (and counts) the event when the queue is full
     * or the listener is closed.
     *
     * @param event the event, not null
     */
    @Override
    public void onEvent(OrchestrationEvent event) {
        String body;
        try {
            body = event.toJsonLine();
        } catch (RuntimeException e) {
            LOG.warn("webhook: cannot render event as JSON, dropped: {}", e.toString());
            dropped.incrementAndGet();
            return;
        }
        synchronized (lock) {
            if (closed || !queue.offer(body)) {
                long n = dropped.incrementAndGet();
                if (Long.bitCount(n) == 1) { // 1, 2, 4, 8 ...: do not flood the log when the receiver is stuck
                    LOG.warn("webhook {}: {} event(s) dropped so far ({})", uri, n,
                            closed ? "listener closed" : "queue full");
                }
                return;
            }
            pending++;
        }
    }

    /**
     * Returns how many events were delivered (answered with a 2xx or 3xx status).
     *
     * @return the count
     */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Returns how many events were given up after a non-retryable status or the last attempt.
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    /**
     * Returns how many events were dropped: queue full, after close, or still queued at the close deadline.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /** Stops accepting events and flushes the queue, waiting at most the configured close timeout. Idempotent. */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /**
     * Stops accepting events and waits at most {@code deadline} for the queued events to be sent; then stops the
     * sender thread (interrupting a request in progress). Idempotent; never throws.
     *
     * @param deadline how long to wait for the flush, not null
     * @return true when every accepted event was finished (delivered or failed) before the deadline
     */
    public boolean close(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        boolean flushed;
        synchronized (lock) {
            closed = true;
            boolean interrupted = false;
            while (pending > 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            flushed = pending == 0;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        sender.interrupt();
        int left = queue.drainTo(new java.util.ArrayList<>());
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.warn("webhook {}: {} event(s) not sent before the close deadline", uri, left);
        }
        return flushed;
    }

    private void sendLoop() {
        while (true) {
            String body;
            try {
                body = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (!send(body)) {
                    return;
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("webhook {}: unexpected error, event not delivered: {}", uri, e.toString());
            } finally {
                synchronized (lock) {
                    pending--;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Sends one event with retries; returns false when interrupted (the listener is closing). */
    private boolean send(String body) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(rb::header);
        HttpRequest request = rb.build();
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            String problem;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 400) {
                    delivered.incrementAndGet();
                    return true;
                }
                problem = "HTTP " + status;
                if (status < 500 && status != 429) {
                    failed.incrementAndGet();
                    LOG.warn("webhook {}: {} (not retried), event not delivered", uri, problem);
                    return true;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                failed.incrementAndGet();
                return false;
            }
            if (attempt >= maxAttempts) {
                failed.incrementAndGet();
                LOG.warn("webhook {}: {} after {} attempt(s), event not delivered", uri, problem, attempt);
                return true;
            }
            LOG.debug("webhook {}: {} (attempt {}), retrying in {}", uri, problem, attempt, backoff);
            try {
                TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
            } catch (InterruptedException e) {
                failed.incrementAndGet();
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    @Override
    public String toString() {
        return "WebhookListener[" + uri + "]";
    }

    /** Builds a {@link WebhookListener}; not thread-safe. */
    public static final class Builder {
        private URI uri;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private int queueCapacity = 1000;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the URL events are POSTed to (required; http or https).
         *
         * @param uri the URL, not null
         * @return this builder
         */
        public Builder uri(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * Sets the timeout of one request, response included; default 10 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Sets the connect timeout; default 5 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how many times one event is tried in all (1 = no retry); default 4.
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Sets the wait before the first retry (doubled for each further retry, capped by {@link #maxBackoff});
         * default 500 ms.
         *
         * @param backoff zero or positive
         * @return this builder
         */
        public Builder initialBackoff(Duration backoff) {
            Objects.requireNonNull(backoff, "initialBackoff");
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("initialBackoff must not be negative, got " + backoff);
            }
            this.initialBackoff = backoff;
            return this;
        }

        /**
         * Sets the longest wait between retries; default 10 s.
         *
         * @param backoff positive
         * @return this builder
         */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = positive(backoff, "maxBackoff");
            return this;
        }

        /**
         * Sets how long {@link WebhookListener#close()} waits for the queue to be sent; default 10 s.
         *
         * @param timeout zero or positive
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "closeTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Sets how many events may wait to be sent before new ones are dropped; default 1000.
         *
         * @param capacity at least 1
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, got " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Adds a header sent with every request (e.g. {@code Authorization}); a later call with the same name wins.
         *
         * @param name the header name, not null
         * @param value the value, not null
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the listener and starts its sender thread; {@link WebhookListener#close()} it when the run ends.
         *
         * @return the listener
         * @throws IllegalStateException when no URI was set
         * @throws IllegalArgumentException when the URI is not an absolute http(s) URL
         */
        public WebhookListener build() {
            if (uri == null) {
                throw new IllegalStateException("WebhookListener needs a uri(...): the URL events are POSTed to");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("webhook URL must be http:// or https://, got '" + uri + "'");
            }
            return new WebhookListener(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
