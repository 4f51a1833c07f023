package dev.speckitty.orchestrator.testkit.host.internal;

/**
 * An unhandled host exception: the host prints a Python-like traceback on stderr, nothing on stdout, and exits 1.
 */
public final class HostCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The Python exception type shown on the traceback's last line. */
    private final String pythonType;
    /** The simulated function that raised it. */
    private final String where;

    /**
     * Creates a crash.
     *
     * @param pythonType the Python exception type shown on the last traceback line, e.g. {@code ValueError}
     * @param message its message
     * @param where the simulated function that raised it
     */
    public HostCrash(String pythonType, String message, String where) {
        super(message);
        this.pythonType = pythonType;
        this.where = where;
    }

    /**
     * Returns the traceback text as printed on stderr.
     *
     * @return the text
     */
    public String traceback() {
        return traceback(pythonType, getMessage(), where);
    }

    /**
     * Formats a Python-like traceback.
     *
     * @param type the exception type
     * @param message the message
     * @param where the function name
     * @return the text, ending with a newline
     */
    public static String traceback(String type, String message, String where) {
        return "Traceback (most recent call last):\n"
                + "  File \"<site-packages>/specify_cli/orchestrator_api/commands.py\", line 1, in " + where + "\n"
                + "  File \"<simulated>\", line 1, in " + where + "\n"
                + type + ": " + message + "\n";
    }
}
