package dev.speckitty.orchestrator.benchmarks;

/** A trivial main: the JVM start-up baseline for the CLI start-up benchmark. */
public final class TrivialMain {
    private TrivialMain() {}

    /**
     * Prints a version line and exits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("trivial 0.1.0");
    }
}
