/**
 * The client's unchecked exception hierarchy. {@link dev.speckitty.orchestrator.client.error.HostErrorException}
 * and its category subclasses report a real host envelope with {@code success: false};
 * {@link dev.speckitty.orchestrator.client.error.ClientSideException} and its subclasses report failures where no
 * trustworthy envelope exists.
 */
package dev.speckitty.orchestrator.client.error;
