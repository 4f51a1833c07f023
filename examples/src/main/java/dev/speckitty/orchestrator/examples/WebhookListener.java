package dev.speckitty.orchestrator.examples;

import com.sun.net.httpserver.HttpServer;
import dev.speckitty.orchestrator.core.OrchestrationEvent;
import dev.speckitty.orchestrator.core.OrchestrationListener;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OrchestrationListener} that POSTs every engine event as JSON to a URL with {@code java.net.http}. The
 * listener only queues the event: listeners run on the engine's coordinator thread and must not block it, so one
 * background thread sends the events in order. Without {@code --url} the example starts a local receiver on
 * 127.0.0.1 and prints what arrives.
 *
 * <pre>
 * ./mvnw -q -pl examples -am process-classes exec:java \
 *     -Dexec.mainClass=dev.speckitty.orchestrator.examples.WebhookListener -Dexec.args="--url https://example.invalid/hook"
 * </pre>
 */
public final class WebhookListener implements OrchestrationListener, AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-sender");
        t.setDaemon(true);
        return t;
    });
    private final URI url;
    private final AtomicInteger failures = new AtomicInteger();

    /**
     * Creates the listener.
     *
     * @param url where to POST the events
     */
    public WebhookListener(URI url) {
        this.url = url;
    }

    @Override
    public void onEvent(OrchestrationEvent event) {
        String json = event.toJsonLine();
        sender.execute(() -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() >= 300) {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet(); // a webhook outage must not stop the run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Sends what is queued (waiting up to 30 s), then stops the sender thread. Idempotent. */
    @Override
    public void close() {
        if (sender.isShutdown()) {
            return;
        }
        sender.shutdown();
        try {
            sender.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failures.get() > 0) {
            System.err.println(failures.get() + " event(s) could not be delivered to " + url);
        }
    }

    /**
     * Runs the example.
     *
     * @param args {@code --url <url>} (optional) and the options of {@link ExampleSetup}
     */
    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int i = rest.indexOf("--url");
        String given = i >= 0 && i + 1 < rest.size() ? rest.remove(i + 1) : null;
        if (i >= 0) {
            rest.remove(i);
        }

        HttpServer receiver = null;
        URI url;
        if (given != null) {
            url = URI.create(given);
        } else { // a local receiver that prints each event type it gets
            AtomicInteger received = new AtomicInteger();
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/events", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String type = body.replaceAll("(?s).*\"type\"\\s*:\\s*\"([A-Za-z_]+)\".*", "$1");
                System.out.println("received #" + received.incrementAndGet() + " " + type);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
        }

        WebhookListener webhook = new WebhookListener(url);
        try (ExampleSetup setup = ExampleSetup.fromArgs(rest.toArray(String[]::new))) {
            RunReport report = setup.engine(setup.engineOptions().build(), AgentScenario.builder().build())
                    .addListener(webhook)
                    .build()
                    .run(RunRequest.of(setup.mission()));
            webhook.close(); // flush before reporting
            System.out.println(report.status() + "; events posted to " + url);
        } finally {
            webhook.close(); // idempotent
            if (receiver != null) {
                receiver.stop(0);
            }
        }
    }
}
