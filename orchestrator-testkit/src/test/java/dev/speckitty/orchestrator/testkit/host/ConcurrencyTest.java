package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several threads and processes hitting one mission: no lost events, one winner per claim. */
class ConcurrencyTest {
    private static final String M = "042-demo";

    @TempDir
    Path tmp;

    @Test
    void threadsAndProcessesLoseNoEvents() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        repo.mission(M, null, "main", false, TestRepo.wp("WP01", List.of()), TestRepo.wp("WP02", List.of()));
        SimulatedHost host = SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.defaults())
                .build();
        Sim sim = new Sim(host);
        int threads = 4;
        int perThread = 5;
        int processes = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads + processes);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            results.add(pool.submit(() -> {
                go.await();
                int ok = 0;
                for (int i = 0; i < perThread; i++) {
                    ok += sim.api("append-history", "--mission", M, "--wp", "WP0" + (1 + id % 2), "--actor", "t" + id,
                            "--note", "n" + i).ok() ? 1 : 0;
                }
                return ok;
            }));
        }
        String exe = SimulatedHostExecutable.path().toString();
        for (int p = 0; p < processes; p++) {
            int id = p;
            results.add(pool.submit((Callable<Integer>) () -> {
                go.await();
                Process proc = new ProcessBuilder(exe, "orchestrator-api", "append-history", "--mission", M, "--wp",
                        "WP01", "--actor", "p" + id, "--note", "from a process").directory(repo.root.toFile())
                        .redirectErrorStream(true).start();
                proc.getOutputStream().close();
                proc.getInputStream().readAllBytes();
                assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
                return proc.exitValue() == 0 ? 1 : 0;
            }));
        }
        go.countDown();
        int ok = 0;
        for (Future<Integer> f : results) {
            ok += f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(threads * perThread + processes);
        assertThat(host.events(M)).hasSize(threads * perThread + processes);
    }

    @Test
    void concurrentClaimsHaveOneWinner() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        repo.mission(M, null, "main", true, TestRepo.wp("WP01", List.of()));
        SimulatedHost host = SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.defaults())
                .build();
        Sim sim = new Sim(host);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Sim.Call>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String actor = "actor-" + i;
            calls.add(pool.submit(() -> {
                go.await();
                return sim.start(M, "WP01", actor);
            }));
        }
        go.countDown();
        List<String> codes = new ArrayList<>();
        for (Future<Sim.Call> f : calls) {
            Sim.Call c = f.get(2, TimeUnit.MINUTES);
            codes.add(c.ok() ? "ok" : c.code());
        }
        pool.shutdown();
        assertThat(codes).containsOnlyOnce("ok").filteredOn(c -> !c.equals("ok")).containsOnly("WP_ALREADY_CLAIMED");
        assertThat(host.events(M)).hasSize(2);
    }
}
