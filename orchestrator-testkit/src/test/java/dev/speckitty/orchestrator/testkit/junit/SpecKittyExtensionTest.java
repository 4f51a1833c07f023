package dev.speckitty.orchestrator.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.Vocabulary;
import dev.speckitty.orchestrator.client.error.StateConflictException;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.ReadyWorkPackage;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.testkit.host.HostProfile;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpecKittyExtensionTest {
    private static final PolicyMetadata POLICY = PolicyMetadata.builder()
            .orchestratorId("extension-test")
            .orchestratorVersion("0.1.0")
            .agentFamily("scripted")
            .approvalMode("full_auto")
            .sandboxMode("workspace_write")
            .networkMode("none")
            .build();

    @Nested
    @ExtendWith(SpecKittyExtension.class)
    class Defaults {
        @Test
        void givesADiamondMissionWhoseRootIsReady(OrchestratorClient client, GeneratedMission mission) {
            assertThat(mission.workPackageIds()).containsExactly("WP01", "WP02", "WP03", "WP04");
            assertThat(client.listReady(mission.directoryName()).readyWorkPackages())
                    .extracting(ReadyWorkPackage::wpId)
                    .containsExactly("WP01");
        }

        @Test
        void theHostWorksOnTheProjectsRealGitRepository(
                OrchestratorClient client, GeneratedMission mission, TestProject project, SimulatedHost host) {
            StartImplementationResult claim = client.startImplementation(StartImplementationRequest.builder()
                    .mission(mission.directoryName())
                    .wp("WP01")
                    .actor("extension-test")
                    .policy(POLICY)
                    .build());
            Path workspace = Path.of(claim.workspacePath());
            assertThat(workspace).startsWith(project.root()).isDirectory();
            assertThat(host.lane(mission.directoryName(), "WP01")).isEqualTo(Lane.IN_PROGRESS);

            TransitionRequest forReview = TransitionRequest.builder()
                    .mission(mission.directoryName())
                    .wp("WP01")
                    .to(Lane.FOR_REVIEW)
                    .actor("extension-test")
                    .policy(POLICY)
                    .build();
            assertThatThrownBy(() -> client.transition(forReview))
                    .isInstanceOf(StateConflictException.class)
                    .hasMessageContaining("no implementation commit");
        }

        @Test
        void eachTestGetsItsOwnProject(TestProject project) throws Exception {
            Path marker = project.root().resolve("marker.txt");
            assertThat(marker).doesNotExist();
            Files.writeString(marker, "written by one test only");
        }
    }

    @Nested
    class Configured {
        @RegisterExtension
        final SpecKittyExtension kit = SpecKittyExtension.builder()
                .mission(MissionGenerator.builder().slug("chain").workPackages(3).shape(DagShape.chain()).build())
                .profile(HostProfile.V1_0_0_FEATURE)
                .build();

        @Test
        void usesTheConfiguredMissionAndHostProfile(OrchestratorClient client, GeneratedMission mission) {
            assertThat(mission.dependencies()).containsEntry("WP02", List.of("WP01"));
            assertThat(client.missionState(mission.directoryName()).workPackages()).hasSize(3);
            assertThat(client.hostInfo().vocabulary()).isEqualTo(Vocabulary.FEATURE);
        }
    }
}
