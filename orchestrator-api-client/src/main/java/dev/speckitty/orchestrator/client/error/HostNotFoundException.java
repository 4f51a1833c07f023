package dev.speckitty.orchestrator.client.error;

/** The host executable could not be started (not on {@code PATH}, not executable, wrong path). */
public final class HostNotFoundException extends ClientSideException {
    private static final long serialVersionUID = 1L;

    private final String executable;

    /**
     * Creates the exception.
     *
     * @param executable the executable that was tried
     * @param cause the launch failure
     */
    public HostNotFoundException(String executable, Throwable cause) {
        super("cannot start the spec-kitty host '" + executable + "': " + (cause == null ? "not found" : cause.getMessage())
                + ". Install spec-kitty-cli (pip install spec-kitty-cli) or configure the executable's path", cause);
        this.executable = executable;
    }

    /**
     * Returns the executable that was tried.
     *
     * @return the executable
     */
    public String executable() {
        return executable;
    }
}
