package dev.speckitty.orchestrator.benchmarks;

import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import java.util.ArrayList;
import java.util.List;

/** A timing decorator: records every call's command, WP, target lane and start/end instants (System.nanoTime). */
final class RecordingTransport implements OrchestratorTransport {
    record Call(String command, String wp, String to, long startNanos, long endNanos, int exitCode) {}

    private final OrchestratorTransport delegate;
    private final List<Call> calls = new ArrayList<>();

    RecordingTransport(OrchestratorTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransportResponse execute(TransportRequest request) {
        long t0 = System.nanoTime();
        TransportResponse r = delegate.execute(request);
        long t1 = System.nanoTime();
        synchronized (calls) {
            calls.add(new Call(request.command(), request.option("wp").orElse(null), request.option("to").orElse(null),
                    t0, t1, r.exitCode()));
        }
        return r;
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public String name() {
        return "recording(" + delegate.name() + ")";
    }
}
