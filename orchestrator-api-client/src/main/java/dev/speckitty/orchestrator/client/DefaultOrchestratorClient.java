package dev.speckitty.orchestrator.client;

import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.error.UnsupportedByHostException;
import dev.speckitty.orchestrator.client.internal.Decoder;
import dev.speckitty.orchestrator.client.internal.Envelope;
import dev.speckitty.orchestrator.client.internal.Json;
import dev.speckitty.orchestrator.client.internal.Marshaller;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryResult;
import dev.speckitty.orchestrator.client.model.ContractVersionRequest;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;
import dev.speckitty.orchestrator.client.model.ListReadyRequest;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MissionStateRequest;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.model.TransitionResult;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client: negotiation, vocabulary translation, version gates, envelope decoding and error mapping. */
final class DefaultOrchestratorClient implements OrchestratorClient {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultOrchestratorClient.class);
    private static final int HEAD = 4096;

    private final OrchestratorTransport transport;
    private final Path projectRoot;
    private final String providerVersion;
    private final Duration callTimeout;
    private final Duration mergeTimeout;
    private final Optional<String> assumedContractVersion;
    private final Object negotiationLock = new Object();
    private final Object probeLock = new Object();
    private volatile HostInfo hostInfo;
    private volatile Vocabulary vocabulary;

    DefaultOrchestratorClient(OrchestratorTransport transport, Path projectRoot, String providerVersion,
            Duration callTimeout, Duration mergeTimeout, Vocabulary vocabulary, Optional<String> assumedContractVersion) {
        this.transport = transport;
        this.projectRoot = projectRoot;
        this.providerVersion = providerVersion;
        this.callTimeout = callTimeout;
        this.mergeTimeout = mergeTimeout;
        this.vocabulary = vocabulary;
        this.assumedContractVersion = assumedContractVersion;
    }

    @Override
    public HostInfo hostInfo() {
        HostInfo info = hostInfo;
        if (info == null) {
            synchronized (negotiationLock) {
                info = hostInfo;
                if (info == null) {
                    info = negotiate();
                    hostInfo = info;
                }
            }
        }
        return HostInfo.builder().from(info).vocabulary(vocabulary).build();
    }

    private HostInfo negotiate() {
        String version;
        String minProvider;
        if (assumedContractVersion.isPresent()) {
            version = assumedContractVersion.get();
            minProvider = "0.1.0";
        } else {
            ContractVersionResult r = contractVersion(ContractVersionRequest.builder().providerVersion(providerVersion).build());
            version = r.apiVersion();
            minProvider = r.minSupportedProviderVersion();
        }
        int[] v;
        String supported = ">= 1.0.0 and < 2.0.0";
        try {
            v = ContractVersions.parse(version);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedByHostException("orchestrator-api", "'" + version + "'", supported,
                    "that is not a contract version: check that the configured executable is spec-kitty-cli");
        }
        if (v[0] > 1) {
            throw new UnsupportedByHostException("orchestrator-api", version, supported,
                    "the host is newer than this client: upgrade orchestrator-api-client, or run a spec-kitty-cli"
                            + " release that speaks contract 1.x");
        }
        if (v[0] < 1) {
            throw new UnsupportedByHostException("orchestrator-api", version, supported,
                    "upgrade spec-kitty-cli on the host");
        }
        if (vocabulary == Vocabulary.AUTO && ContractVersions.compare(version, ContractVersions.V1_1_0) >= 0) {
            vocabulary = Vocabulary.MISSION; // only mission-era hosts ever spoke 1.1.0+
        }
        LOG.debug("host speaks contract {} (vocabulary {})", version, vocabulary);
        return HostInfo.builder().contractVersion(version).minSupportedProviderVersion(minProvider)
                .vocabulary(vocabulary).build();
    }

    @Override
    public ContractVersionResult contractVersion(ContractVersionRequest request) {
        List<TransportOption> options =
                Marshaller.contractVersion(request.providerVersion().orElse(providerVersion));
        return Decoder.contractVersion(send("contract-version", options, callTimeout));
    }

    @Override
    public MissionStateResult missionState(MissionStateRequest request) {
        return call("mission-state", Marshaller.missionState(request), callTimeout, Decoder::missionState);
    }

    @Override
    public ListReadyResult listReady(ListReadyRequest request) {
        return call("list-ready", Marshaller.listReady(request), callTimeout, Decoder::listReady);
    }

    @Override
    public ResolveWorkspaceResult resolveWorkspace(ResolveWorkspaceRequest request) {
        requireContract("resolve-workspace", ContractVersions.V1_2_0);
        return call("resolve-workspace", Marshaller.resolveWorkspace(request), callTimeout, Decoder::resolveWorkspace);
    }

    @Override
    public StartImplementationResult startImplementation(StartImplementationRequest request) {
        return call("start-implementation", Marshaller.startImplementation(request), callTimeout,
                Decoder::startImplementation);
    }

    @Override
    public StartReviewResult startReview(StartReviewRequest request) {
        return call("start-review", Marshaller.startReview(request), callTimeout, Decoder::startReview);
    }

    @Override
    public TransitionResult transition(TransitionRequest request) {
        if (request.reviewResult().isPresent()) {
            requireContract("transition --review-result-json", ContractVersions.V1_3_0);
        }
        return call("transition", Marshaller.transition(request), callTimeout, Decoder::transition);
    }

    @Override
    public AppendHistoryResult appendHistory(AppendHistoryRequest request) {
        return call("append-history", Marshaller.appendHistory(request), callTimeout, Decoder::appendHistory);
    }

    @Override
    public AcceptMissionResult acceptMission(AcceptMissionRequest request) {
        return call("accept-mission", Marshaller.acceptMission(request), callTimeout, Decoder::acceptMission);
    }

    @Override
    public MergeMissionResult mergeMission(MergeMissionRequest request) {
        return call("merge-mission", Marshaller.mergeMission(request), mergeTimeout, Decoder::mergeMission);
    }

    @Override
    public RawClient raw() {
        return (command, options) -> {
            // merges run git and may take long, whatever the caller calls them through
            Duration timeout = command.startsWith("merge-") ? mergeTimeout : callTimeout;
            Envelope e = run(command, options, timeout);
            return RawEnvelope.builder()
                    .contractVersion(e.contractVersion())
                    .command(e.command())
                    .timestamp(e.timestamp())
                    .correlationId(e.correlationId())
                    .success(e.success())
                    .errorCode(Optional.ofNullable(e.errorCode()))
                    .data(Json.toMap(e.data()))
                    .dataJson(Json.write(e.data()))
                    .exitCode(e.exitCode())
                    .stderr(e.stderr())
                    .build();
        };
    }

    @Override
    public void close() {
        transport.close();
    }

    private void requireContract(String feature, String minimum) {
        HostInfo info = hostInfo();
        if (!info.isAtLeast(minimum)) {
            throw new UnsupportedByHostException(feature, info.contractVersion(), ">= " + minimum);
        }
    }

    /** Runs a mission-bearing command: negotiates, translates the vocabulary, decodes or throws. */
    private <T> T call(String command, List<TransportOption> options, Duration timeout, Function<Envelope, T> decoder) {
        hostInfo();
        Vocabulary v = vocabulary;
        if (v == Vocabulary.AUTO) {
            // One probe at a time: concurrent first calls would otherwise all probe (and all fail) on a
            // feature-era host. Once the vocabulary is known this lock is never taken again.
            synchronized (probeLock) {
                v = vocabulary;
                if (v == Vocabulary.AUTO) {
                    return probe(command, options, timeout, decoder);
                }
            }
        }
        if (v == Vocabulary.FEATURE) {
            return decoder.apply(send(featureCommand(command), featureOptions(command, options), timeout));
        }
        return decoder.apply(send(command, options, timeout));
    }

    /** AUTO on a 1.0.0 host: try mission names; a parser rejection of them means a feature-era host. */
    private <T> T probe(String command, List<TransportOption> options, Duration timeout, Function<Envelope, T> decoder) {
        Envelope e;
        try {
            e = run(command, options, timeout);
        } catch (NoEnvelopeException noEnvelope) {
            if (noEnvelope.exitCode() != 2) {
                throw noEnvelope; // a crash tells nothing about the vocabulary
            }
            e = null; // feature-era hosts before 2.0.10 print usage errors as prose with exit 2
        }
        if (e == null || rejectsMissionVocabulary(e)) {
            LOG.info("host rejected mission-era names; switching to the feature-era vocabulary");
            vocabulary = Vocabulary.FEATURE;
            return decoder.apply(send(featureCommand(command), featureOptions(command, options), timeout));
        }
        // Any other envelope means the parser accepted the mission-era names (3.1.0a2/a3 hosts send both slug
        // keys but reject the mission-era names, so they never get here).
        vocabulary = e.success() && e.data().has("feature_slug") && !e.data().has("mission_slug")
                ? Vocabulary.FEATURE
                : Vocabulary.MISSION;
        return decoder.apply(checked(e));
    }

    private static boolean rejectsMissionVocabulary(Envelope e) {
        if (e.success() || !"USAGE_ERROR".equals(e.errorCode())) {
            return false;
        }
        // Only a parser rejection of a mission-era name: "No such command 'mission-state'." or
        // "No such option: --mission"; other usage errors (e.g. a bad --evidence-json) say nothing about the era.
        // Click 7 wrote these in lower case ("no such option: --mission").
        String message = String.valueOf(e.message()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("no such command") || message.contains("no such option: --mission");
    }

    private static String featureCommand(String command) {
        switch (command) {
            case "mission-state":
                return "feature-state";
            case "accept-mission":
                return "accept-feature";
            case "merge-mission":
                return "merge-feature";
            default:
                return command;
        }
    }

    private List<TransportOption> featureOptions(String command, List<TransportOption> options) {
        List<TransportOption> out = new ArrayList<>(options.size());
        for (TransportOption o : options) {
            if (o.name().equals("evidence-json") || o.name().equals("subtasks-complete")
                    || o.name().equals("implementation-evidence-present")) {
                throw new UnsupportedByHostException(command + " --" + o.name(),
                        hostInfo.contractVersion() + " (feature-era host)", "a mission-era host (spec-kitty 3.1.0a4+)");
            }
            out.add(o.name().equals("mission") ? TransportOption.of("feature", o.value().orElse("")) : o);
        }
        return out;
    }

    private Envelope send(String command, List<TransportOption> options, Duration timeout) {
        return checked(run(command, options, timeout));
    }

    private static Envelope checked(Envelope e) {
        if (e.success()) {
            return e;
        }
        String code = e.errorCode() == null ? "UNKNOWN" : e.errorCode();
        Map<String, Object> data = Json.toMap(e.data());
        throw HostErrorException.of(new HostErrorException.Details(
                code, e.command(), e.correlationId(), e.contractVersion(), e.message(), data, e.exitCode()));
    }

    private Envelope run(String command, List<TransportOption> options, Duration timeout) {
        TransportRequest request = TransportRequest.builder()
                .command(command)
                .options(options)
                .timeout(timeout)
                .projectRoot(projectRoot)
                .build();
        TransportResponse response = transport.execute(request);
        return Envelope.find(response.stdout(), response.exitCode(), response.stderr())
                .orElseThrow(() -> new NoEnvelopeException(
                        command, response.exitCode(), excerpt(response.stdout()), excerpt(response.stderr())));
    }

    /** Keeps short text whole and long text as its start and end: tracebacks end with the actual error. */
    private static String excerpt(String text) {
        return text.length() <= 2 * HEAD
                ? text
                : text.substring(0, HEAD) + "\n[... " + (text.length() - 2 * HEAD) + " characters cut ...]\n"
                        + text.substring(text.length() - HEAD);
    }
}
