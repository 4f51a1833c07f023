package dev.speckitty.orchestrator.client.support;

import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A scripted transport: answers each request with a function of it and records every request. */
public final class CannedTransport implements OrchestratorTransport {
    private final Function<TransportRequest, TransportResponse> script;
    private final List<TransportRequest> requests = new CopyOnWriteArrayList<>();

    public CannedTransport(Function<TransportRequest, TransportResponse> script) {
        this.script = script;
    }

    /** Always answers with the same response. */
    public static CannedTransport always(int exitCode, String stdout, String stderr) {
        return new CannedTransport(r -> TransportResponse.of(exitCode, stdout, stderr));
    }

    /** Answers every command with a successful envelope whose data is {@code dataJson}. */
    public static CannedTransport succeeding(String contractVersion, String dataJson) {
        return new CannedTransport(r -> TransportResponse.of(0,
                Envelopes.success(contractVersion, r.command(), dataJson) + "\n", ""));
    }

    @Override
    public TransportResponse execute(TransportRequest request) {
        requests.add(request);
        return script.apply(request);
    }

    public List<TransportRequest> requests() {
        return requests;
    }

    public TransportRequest last() {
        return requests.get(requests.size() - 1);
    }

    public List<String> commands() {
        return requests.stream().map(TransportRequest::command).collect(java.util.stream.Collectors.toList());
    }
}
