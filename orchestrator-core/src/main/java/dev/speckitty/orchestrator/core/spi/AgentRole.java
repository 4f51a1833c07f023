package dev.speckitty.orchestrator.core.spi;

/** What an agent is asked to do for a work package. */
public enum AgentRole {
    /** Implement (or rework) the work package in its workspace. */
    IMPLEMENTER,
    /** Review the implementation and give a verdict. */
    REVIEWER
}
