package dev.speckitty.orchestrator.cli.internal;

/** Test helper process: says "ready" and idles until stdin closes or it is terminated; its arguments are ignored. */
public final class IdleMain {
    private IdleMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // idle until the parent closes our stdin
        }
    }
}
