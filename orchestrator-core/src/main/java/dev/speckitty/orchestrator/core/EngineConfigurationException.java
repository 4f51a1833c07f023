package dev.speckitty.orchestrator.core;

/** The engine was configured wrongly (bad option value, missing strategy); the message says what and how to fix. */
public class EngineConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public EngineConfigurationException(String message) {
        super(message);
    }
}
