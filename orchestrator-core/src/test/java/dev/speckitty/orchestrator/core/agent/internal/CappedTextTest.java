package dev.speckitty.orchestrator.core.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CappedTextTest {

    private static void append(CappedText t, String s) {
        t.append(s.toCharArray(), 0, s.length());
    }

    @Test
    void keepsEverythingUnderTwiceTheCap() {
        CappedText t = new CappedText(4);
        append(t, "abc");
        append(t, "defgh");

        assertThat(t.toString()).isEqualTo("abcdefgh");
        assertThat(t.dropped()).isZero();
    }

    @Test
    void keepsHeadAndTailAndCountsTheMiddle() {
        CappedText t = new CappedText(3);
        append(t, "012");
        append(t, "3456789");
        append(t, "XYZ");

        assertThat(t.toString()).isEqualTo("012\n[... 7 characters omitted ...]\nXYZ");
        assertThat(t.dropped()).isEqualTo(7);
    }
}
