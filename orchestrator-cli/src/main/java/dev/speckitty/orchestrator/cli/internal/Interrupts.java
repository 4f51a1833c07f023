package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM handling for a run. The first signal calls the graceful-stop action (stop starting
 * work, terminate agents, save state) and the command then exits with 130; a second signal terminates the agent
 * processes (not host calls) and halts the JVM at once with 130. Uses {@code sun.misc.Signal} (module
 * jdk.unsupported) because a shutdown hook alone cannot tell a first from a second signal and would let the JVM exit
 * before the state is saved; when that API is unavailable a shutdown hook runs the graceful stop instead.
 */
final class Interrupts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
    /** How long agents get to exit after SIGTERM when a second signal quits at once. */
    private static final java.time.Duration QUIT_GRACE = java.time.Duration.ofSeconds(2);
    private final AtomicInteger count = new AtomicInteger();
    private final Runnable gracefulStop;
    private Thread hook;
    private volatile String signalName = "";

    private Interrupts(Runnable gracefulStop) {
        this.gracefulStop = gracefulStop;
    }

    /**
     * Installs the handlers.
     *
     * @param gracefulStop called once, on a signal thread, at the first signal; must not block for long
     * @param notice where to print the one-line notices (stderr)
     * @return a handle; {@link #close()} restores nothing (the process ends soon after) but disarms the action
     */
    static Interrupts install(Runnable gracefulStop, java.io.PrintWriter notice) {
        Interrupts i = new Interrupts(gracefulStop);
        boolean ok = i.handle("INT", notice) & i.handle("TERM", notice);
        if (!ok) {
            i.hook = new Thread(() -> {
                if (i.count.incrementAndGet() == 1) {
                    gracefulStop.run();
                }
            }, "spec-kitty-orchestrator-shutdown");
            Runtime.getRuntime().addShutdownHook(i.hook);
        }
        return i;
    }

    /**
     * Installs a handler through {@code sun.misc.Signal}, called reflectively so that the build stays free of
     * internal-API warnings; the module jdk.unsupported exports {@code sun.misc} in every JDK.
     */
    private boolean handle(String name, java.io.PrintWriter notice) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object handler = java.lang.reflect.Proxy.newProxyInstance(handlerClass.getClassLoader(),
                    new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> onSignal(name, notice);
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "spec-kitty-orchestrator SIG" + name + " handler";
                            }
                            default -> {
                                return null;
                            }
                        }
                        return null;
                    });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("cannot handle SIG{}: {}", name, e.toString());
            return false;
        }
    }

    private void onSignal(String name, java.io.PrintWriter notice) {
        int n = count.incrementAndGet();
        if (n == 1) {
            signalName = "SIG" + name;
            notice.println();
            notice.println("Stopping: no new work, terminating agents, saving state. Press Ctrl-C again to quit at"
                    + " once.");
            notice.flush();
            LOG.warn("received SIG{}: stopping gracefully", name);
            Thread t = new Thread(gracefulStop, "spec-kitty-orchestrator-stop");
            t.setDaemon(true);
            t.start();
        } else {
            notice.println("Second signal: stopping the agents and quitting now.");
            notice.flush();
            LOG.warn("second signal: terminating child processes and halting");
            stopNow(ProcessHandle.current().descendants().toList(), QUIT_GRACE);
            // agents run in sessions of their own: their process groups also hold helpers that left the tree, and
            // halt skips the shutdown hooks that would otherwise kill them
            ProcessAgentLauncher.killRunningAgents();
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
        }
    }

    /**
     * Before a quit that skips the graceful stop: terminates the given processes (this process's descendants) except
     * host calls (SIGTERM, then SIGKILL for whatever is still alive after {@code grace}), so that no agent keeps
     * working after the orchestrator is gone. Host calls ({@code … orchestrator-api …}) are left to finish their
     * change: stopping a host mid-change is worse, and they end by themselves.
     *
     * @param processes the candidates
     * @param grace how long to wait between SIGTERM and SIGKILL
     * @return the processes that were signalled
     */
    static java.util.List<ProcessHandle> stopNow(java.util.List<ProcessHandle> processes, java.time.Duration grace) {
        java.util.List<ProcessHandle> targets = processes.stream().filter(h -> !isHostCall(h)).toList();
        targets.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : targets) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // killed below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        targets.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return targets;
    }

    private static boolean isHostCall(ProcessHandle h) {
        return h.info().arguments().map(a -> java.util.Arrays.asList(a).contains("orchestrator-api")).orElse(false);
    }

    /** Whether a stop signal arrived. */
    boolean interrupted() {
        return count.get() > 0;
    }

    /** The signal that arrived first, e.g. {@code SIGINT}, or "" when none. */
    String signalName() {
        return signalName;
    }

    @Override
    public void close() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }
}
