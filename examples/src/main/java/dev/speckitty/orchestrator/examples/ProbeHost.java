package dev.speckitty.orchestrator.examples;

import dev.speckitty.orchestrator.client.ContractVersions;
import dev.speckitty.orchestrator.client.HostInfo;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.error.UnsupportedByHostException;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;

/**
 * Asks a host which contract it speaks and whether this client can drive it.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=dev.speckitty.orchestrator.examples.ProbeHost
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=dev.speckitty.orchestrator.examples.ProbeHost \
 *     -Dexec.args="--profile 1.0.0-feature"
 * </pre>
 */
public final class ProbeHost {
    private ProbeHost() {}

    /**
     * Runs the example.
     *
     * @param args see {@link ExampleSetup}
     */
    public static void main(String[] args) {
        try (ExampleSetup setup = ExampleSetup.fromArgs(args)) {
            OrchestratorClient client = setup.client();

            // 1. The raw handshake: never refused client-side, so it works against any host.
            ContractVersionResult version = client.contractVersion();
            System.out.println("contract version:       " + version.apiVersion());
            System.out.println("min provider version:   " + version.minSupportedProviderVersion());
            System.out.println("client supports:        >= " + ContractVersions.V1_0_0 + " and < 2.0.0 (newest known "
                    + ContractVersions.LATEST + ")");

            // 2. The verdict: hostInfo() negotiates and throws when the host is outside the supported range.
            HostInfo info;
            try {
                info = client.hostInfo();
            } catch (UnsupportedByHostException e) {
                System.out.println("verdict:                INCOMPATIBLE - " + e.getMessage());
                return;
            }
            System.out.println("verdict:                compatible");
            System.out.println("resolve-workspace:      " + (info.isAtLeast(ContractVersions.V1_2_0) ? "yes" : "no (< 1.2.0)"));
            System.out.println("--review-result-json:   " + (info.isAtLeast(ContractVersions.V1_3_0) ? "yes" : "no (< 1.3.0)"));

            // 3. The vocabulary: 1.0.0 hosts may be feature-era; the first mission call detects it.
            System.out.println("vocabulary before call: " + info.vocabulary());
            client.missionState(setup.mission());
            System.out.println("vocabulary:             " + client.hostInfo().vocabulary());
        }
    }
}
