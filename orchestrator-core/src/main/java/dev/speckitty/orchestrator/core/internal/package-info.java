/** Engine internals (coordinator, counting client wrapper, JSON codecs). Not API: may change at any time. */
package dev.speckitty.orchestrator.core.internal;
