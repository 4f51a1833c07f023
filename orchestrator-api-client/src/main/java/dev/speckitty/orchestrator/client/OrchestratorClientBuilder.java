package dev.speckitty.orchestrator.client;

import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.transport.ProcessTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds an {@link OrchestratorClient}. Not thread-safe; the built client is.
 *
 * <p>Defaults: a {@link ProcessTransport} running {@code spec-kitty} from {@code PATH} in the project root (the
 * current directory unless set), provider version {@link #CLIENT_VERSION}, a 120 s timeout per call and 10 min for
 * {@code merge-mission}, and automatic vocabulary detection.
 */
public final class OrchestratorClientBuilder {
    /** This client's version, announced to hosts as {@code --provider-version}. */
    public static final String CLIENT_VERSION = "0.1.0";

    private OrchestratorTransport transport;
    private String executable = "spec-kitty";
    private Path projectRoot;
    private String providerVersion = CLIENT_VERSION;
    private Duration callTimeout = Duration.ofSeconds(120);
    private Duration mergeTimeout = Duration.ofMinutes(10);
    private Vocabulary vocabulary = Vocabulary.AUTO;
    private String assumedContractVersion;

    OrchestratorClientBuilder() {}

    /**
     * Uses this transport instead of the default process transport. The client closes it on {@code close()}.
     *
     * @param transport the transport
     * @return this builder
     */
    public OrchestratorClientBuilder transport(OrchestratorTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * Sets the host executable of the default transport: a name looked up on {@code PATH} or a path.
     *
     * @param executable e.g. {@code spec-kitty} or {@code /opt/spec-kitty/bin/spec-kitty}
     * @return this builder
     */
    public OrchestratorClientBuilder executable(String executable) {
        this.executable = Objects.requireNonNull(executable, "executable");
        return this;
    }

    /**
     * Sets the project root every call runs in (working directory and {@code SPECIFY_REPO_ROOT}).
     *
     * @param projectRoot the directory that holds {@code kitty-specs/}
     * @return this builder
     */
    public OrchestratorClientBuilder projectRoot(Path projectRoot) {
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot").toAbsolutePath().normalize();
        return this;
    }

    /**
     * Sets the version announced with {@code contract-version --provider-version}.
     *
     * @param providerVersion a plain {@code MAJOR.MINOR.PATCH}
     * @return this builder
     */
    public OrchestratorClientBuilder providerVersion(String providerVersion) {
        this.providerVersion = Objects.requireNonNull(providerVersion, "providerVersion");
        return this;
    }

    /**
     * Sets the timeout of every call except {@code merge-mission}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public OrchestratorClientBuilder callTimeout(Duration timeout) {
        this.callTimeout = positive(timeout, "callTimeout");
        return this;
    }

    /**
     * Sets the timeout of {@code merge-mission}, which runs git merges and may take long.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public OrchestratorClientBuilder mergeTimeout(Duration timeout) {
        this.mergeTimeout = positive(timeout, "mergeTimeout");
        return this;
    }

    /**
     * Fixes the host vocabulary instead of detecting it.
     *
     * @param vocabulary the vocabulary; {@link Vocabulary#AUTO} detects
     * @return this builder
     */
    public OrchestratorClientBuilder vocabulary(Vocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        return this;
    }

    /**
     * Skips the {@code contract-version} handshake and assumes this host contract version. Saves one host call
     * when the caller already knows the host.
     *
     * @param contractVersion e.g. {@code 1.3.0}
     * @return this builder
     */
    public OrchestratorClientBuilder assumeContractVersion(String contractVersion) {
        ContractVersions.parse(contractVersion);
        this.assumedContractVersion = contractVersion;
        return this;
    }

    /**
     * Builds the client.
     *
     * @return a thread-safe client
     */
    public OrchestratorClient build() {
        Path root = projectRoot != null ? projectRoot : Path.of("").toAbsolutePath();
        OrchestratorTransport t = transport != null
                ? transport
                : ProcessTransport.builder().executable(executable).projectRoot(root).build();
        return new DefaultOrchestratorClient(t, root, providerVersion, callTimeout, mergeTimeout, vocabulary,
                Optional.ofNullable(assumedContractVersion));
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
