/**
 * Implementation details of the client: envelope decoding, argv marshalling, error mapping and the one
 * {@code ObjectMapper}. Nothing in this package is API; it may change in any release.
 */
package dev.speckitty.orchestrator.client.internal;
