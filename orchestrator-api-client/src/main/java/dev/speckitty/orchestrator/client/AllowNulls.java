package dev.speckitty.orchestrator.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells Immutables that a map attribute may hold {@code null} values: JSON {@code null}s (e.g. {@code mission_number})
 * must survive in {@link RawEnvelope#data()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD})
@interface AllowNulls {}
