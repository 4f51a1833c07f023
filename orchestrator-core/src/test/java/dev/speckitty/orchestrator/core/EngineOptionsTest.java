package dev.speckitty.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {
    @Test
    void defaultsAreSensible() {
        EngineOptions o = EngineOptions.builder().projectRoot(Path.of(".")).build();
        assertThat(o.maxConcurrent()).isEqualTo(4);
        assertThat(o.reconcileInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.approveTarget()).isEqualTo(ApproveTarget.DONE);
        assertThat(o.effectiveReviewAgents()).isEqualTo(o.implementationAgents());
        assertThat(o.policy().toJson()).contains("orchestrator_id");
    }

    @Test
    void badValuesAreRejectedWithTheOptionName() {
        assertThatThrownBy(() -> EngineOptions.builder().projectRoot(Path.of(".")).maxConcurrent(0).build())
                .isInstanceOf(EngineConfigurationException.class).hasMessageContaining("maxConcurrent must be at least 1");
        assertThatThrownBy(() -> EngineOptions.builder().projectRoot(Path.of(".")).maxReviewCycles(0).build())
                .hasMessageContaining("maxReviewCycles");
        assertThatThrownBy(() -> EngineOptions.builder().projectRoot(Path.of("."))
                .implementationTimeout(Duration.ZERO).build()).hasMessageContaining("implementationTimeout");
        assertThatThrownBy(() -> EngineOptions.builder().projectRoot(Path.of(".")).reviewAgents(List.of(" "))
                .build()).hasMessageContaining("reviewAgents");
        assertThatThrownBy(() -> EngineOptions.builder().projectRoot(Path.of(".")).actor(" ").build())
                .hasMessageContaining("actor");
    }

    @Test
    void engineBuilderNamesWhatIsMissing() {
        assertThatThrownBy(() -> OrchestrationEngine.builder().build())
                .isInstanceOf(EngineConfigurationException.class).hasMessageContaining("OrchestratorClient");
    }
}
