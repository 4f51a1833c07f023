package dev.speckitty.orchestrator.client;

/**
 * Which command and option names a host speaks (contract section 9.2). Hosts up to 3.1.0a3 use the feature-era
 * names ({@code feature-state}, {@code --feature}, {@code accept-feature}, {@code merge-feature}); later hosts use the
 * mission-era names. The client translates transparently.
 */
public enum Vocabulary {
    /** {@code mission-state}, {@code --mission}, {@code accept-mission}, {@code merge-mission}. */
    MISSION,
    /** {@code feature-state}, {@code --feature}, {@code accept-feature}, {@code merge-feature}. */
    FEATURE,
    /** Not known yet: contract 1.0.0 hosts of either era; the client probes on first use. */
    AUTO
}
