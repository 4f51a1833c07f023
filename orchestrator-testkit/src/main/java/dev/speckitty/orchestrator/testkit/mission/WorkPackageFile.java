package dev.speckitty.orchestrator.testkit.mission;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** One WP prompt file as read back from {@code tasks/WPnn*.md}: its front-matter fields and its Markdown body. */
@Value.Immutable
public interface WorkPackageFile {
    /**
     * Returns the {@code work_package_id}.
     *
     * @return the WP id, e.g. {@code WP01}
     */
    String workPackageId();

    /**
     * Returns the {@code title}, or an empty string when the front matter has none.
     *
     * @return the title
     */
    String title();

    /**
     * Returns the {@code dependencies} in file order.
     *
     * @return the WP ids this WP depends on
     */
    List<String> dependencies();

    /**
     * Returns the {@code subtasks} roster in file order.
     *
     * @return the subtask ids, e.g. {@code T001}
     */
    List<String> subtasks();

    /**
     * Returns the {@code agent} hint.
     *
     * @return the agent, if the file names one
     */
    Optional<String> agent();

    /**
     * Returns the {@code model} hint.
     *
     * @return the model, if the file names one
     */
    Optional<String> model();

    /**
     * Returns the Markdown body after the front matter (the prompt).
     *
     * @return the body
     */
    String body();

    /**
     * Returns the file it was read from.
     *
     * @return the path
     */
    Path path();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link WorkPackageFile}. */
    final class Builder extends ImmutableWorkPackageFile.Builder {}
}
