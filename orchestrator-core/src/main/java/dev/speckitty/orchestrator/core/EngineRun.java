package dev.speckitty.orchestrator.core;

/** One run of the engine: the coordinator. Package-private; created by {@link OrchestrationEngine#run}. */
final class EngineRun {
    private final OrchestrationEngine.Builder config;
    private final RunRequest request;

    EngineRun(OrchestrationEngine.Builder config, RunRequest request) {
        this.config = config;
        this.request = request;
    }

    String mission() {
        return request.mission();
    }

    void stop(boolean immediate) {
        // implemented with the coordinator
    }

    RunReport execute() {
        throw new UnsupportedOperationException("engine run not implemented yet");
    }
}
