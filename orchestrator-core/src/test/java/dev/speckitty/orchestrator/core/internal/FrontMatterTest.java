package dev.speckitty.orchestrator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrontMatterTest {
    @Test
    void readsFlowAndBlockListsAndHints() {
        FrontMatter fm = FrontMatter.parse("---\nwork_package_id: WP02\ntitle: \"Greeter: core\"\n"
                + "dependencies: [WP01]\nsubtasks:\n  - T001\n  - \"T002\"\n  - 'bad id; rm -rf'\n"
                + "agent: claude-code  # preferred\nmodel: 'sonnet'\n---\n# Body\nagent: not-this\n");
        assertThat(fm.dependencies()).containsExactly("WP01");
        assertThat(fm.subtasks()).containsExactly("T001", "T002");
        assertThat(fm.agent()).contains("claude-code");
        assertThat(fm.model()).contains("sonnet");
    }

    @Test
    void noFrontMatterGivesNothing() {
        FrontMatter fm = FrontMatter.parse("# Just a prompt\nsubtasks: [T1]\n");
        assertThat(fm.subtasks()).isEmpty();
        assertThat(fm.agent()).isEmpty();
        assertThat(FrontMatter.parse("---\nsubtasks: []\ndependencies: []\n---\n").subtasks()).isEmpty();
    }
}
