/**
 * JUnit 5 support: {@link dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension} gives a test a temporary git
 * project with a generated mission, a simulated host and a client.
 */
package dev.speckitty.orchestrator.testkit.junit;
