package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.core.internal.MutationGate;
import dev.speckitty.orchestrator.core.spi.Sleeper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's background work: host calls, agent runs and back-off timers each run on a worker thread and post their
 * completion back to the coordinator's queue as a closure. The in-flight counters are read and written only on the
 * coordinator thread (they change when a task is submitted and when its completion is applied). A task registers its
 * thread before it checks the stop flags, so a stop can never miss one.
 */
final class Tasks {
    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);

    private final BlockingQueue<Runnable> queue;
    private final ExecutorService workers;
    private final MutationGate gate;
    private final String mission;
    private final Sleeper sleeper;
    private final BooleanSupplier stopping;
    private final BooleanSupplier stopImmediately;
    private final Set<Thread> agentThreads = ConcurrentHashMap.newKeySet();
    private final Set<Thread> hostThreads = ConcurrentHashMap.newKeySet();
    private final Set<Thread> timerThreads = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> agentsByAgent = new HashMap<>();
    private int agents;
    private int hostCalls;
    private int mutations;
    private int timers;

    Tasks(BlockingQueue<Runnable> queue, MutationGate gate, String mission, Sleeper sleeper, BooleanSupplier stopping,
            BooleanSupplier stopImmediately) {
        this.queue = queue;
        this.gate = gate;
        this.mission = mission;
        this.sleeper = sleeper;
        this.stopping = stopping;
        this.stopImmediately = stopImmediately;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "orchestrator-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int agentsInFlight() {
        return agents;
    }

    int agentsRunning(String agent) {
        return agentsByAgent.getOrDefault(agent, 0);
    }

    int hostCallsInFlight() {
        return hostCalls;
    }

    int mutationsInFlight() {
        return mutations;
    }

    /** Whether no host call, agent run or timer is pending. */
    boolean idle() {
        return agents == 0 && hostCalls == 0 && timers == 0;
    }

    /**
     * Runs a host call; mutating calls pass the mission's mutation gate. The completion gets the result or the error
     * (an {@link InterruptedException} when stopped at once before the call).
     */
    <T> void host(boolean mutating, Callable<T> call, BiConsumer<T, Throwable> then) {
        hostCalls++;
        if (mutating) {
            mutations++;
        }
        workers.execute(() -> {
            Thread me = Thread.currentThread();
            hostThreads.add(me);
            T result = null;
            Throwable error = null;
            boolean entered = false;
            try {
                if (stopImmediately.getAsBoolean()) {
                    throw new InterruptedException("stopped before the call");
                }
                if (mutating) {
                    gate.enter(mission);
                    entered = true;
                }
                result = call.call();
            } catch (Throwable t) {
                error = t;
            } finally {
                if (entered) {
                    gate.exit();
                }
                hostThreads.remove(me);
                Thread.interrupted();
            }
            T r = result;
            Throwable e = error;
            queue.add(() -> {
                hostCalls--;
                if (mutating) {
                    mutations--;
                }
                then.accept(r, e);
            });
        });
    }

    /**
     * Runs an agent task; any throwable becomes an {@link AgentResult} (interrupted, or an engine error naming
     * {@code label}).
     */
    void agent(String agent, String label, Callable<AgentResult> work, Consumer<AgentResult> then) {
        agents++;
        agentsByAgent.merge(agent, 1, Integer::sum);
        workers.execute(() -> {
            Thread me = Thread.currentThread();
            agentThreads.add(me);
            AgentResult r;
            try {
                if (stopping.getAsBoolean()) {
                    throw new InterruptedException("stopped before the agent started");
                }
                r = work.call();
            } catch (Throwable t) {
                r = new AgentResult();
                if (t instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    r.interrupted = true;
                } else {
                    r.error = "engine error around the agent run: " + t;
                    LOG.warn("agent task of {} failed", label, t);
                }
            } finally {
                agentThreads.remove(me);
                Thread.interrupted();
            }
            AgentResult res = r;
            queue.add(() -> {
                agents--;
                agentsByAgent.merge(agent, -1, Integer::sum);
                then.accept(res);
            });
        });
    }

    /** Sleeps the back-off on a worker (cut short by a stop), then runs {@code then} on the coordinator. */
    void timer(Duration delay, Runnable then) {
        timers++;
        workers.execute(() -> {
            Thread me = Thread.currentThread();
            timerThreads.add(me);
            try {
                if (!stopping.getAsBoolean()) {
                    sleeper.sleep(delay);
                }
            } catch (InterruptedException e) {
                // stop requested: fall through and report the timer as done
            } finally {
                timerThreads.remove(me);
                Thread.interrupted();
                queue.add(() -> {
                    timers--;
                    then.run();
                });
            }
        });
    }

    /** Interrupts running agents and timers, and host calls too when {@code hostCallsToo}. */
    void interrupt(boolean hostCallsToo) {
        agentThreads.forEach(Thread::interrupt);
        timerThreads.forEach(Thread::interrupt);
        if (hostCallsToo) {
            hostThreads.forEach(Thread::interrupt);
        }
    }

    void shutdown() {
        workers.shutdownNow();
    }
}
