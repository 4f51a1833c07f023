package dev.speckitty.orchestrator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationGateTest {
    @TempDir
    Path root;

    @Test
    void oneMissionMayOverlapButAnotherMissionWaits() throws Exception {
        MutationGate gate = MutationGate.forRoot(root);
        assertThat(MutationGate.forRoot(root.resolve(".").normalize())).isSameAs(gate);
        gate.enter("m1");
        gate.enter("m1"); // same mission: no wait
        AtomicBoolean entered = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                gate.enter("m2");
                entered.set(true);
                gate.exit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        other.start();
        assertThat(done.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(entered).isFalse();
        gate.exit();
        gate.exit();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(entered).isTrue();
    }
}
