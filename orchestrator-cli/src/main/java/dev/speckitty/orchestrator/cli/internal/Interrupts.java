package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM handling for a run. The first signal calls the graceful-stop action (stop starting
 * work, terminate agents, save state) and the command then exits with 130; a second signal halts the JVM at once with
 * 130. Uses {@code sun.misc.Signal} (module jdk.unsupported) because a shutdown hook alone cannot tell a first from a
 * second signal and would let the JVM exit before the state is saved; when that API is unavailable a shutdown hook
 * runs the graceful stop instead.
 */
final class Interrupts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
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
            notice.println("Second signal: quitting now.");
            notice.flush();
            // agents run in sessions of their own (no terminal Ctrl-C reaches them) and halt skips shutdown hooks
            ProcessAgentLauncher.killRunningAgents();
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
        }
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
