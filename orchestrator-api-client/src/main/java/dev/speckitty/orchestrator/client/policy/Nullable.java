package dev.speckitty.orchestrator.client.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a builder leave an attribute unset so that {@code build()} can report it in the host's words; a built value
 * never returns {@code null} from such an attribute.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD})
@interface Nullable {}
