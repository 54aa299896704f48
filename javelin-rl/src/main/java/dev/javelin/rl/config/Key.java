package dev.javelin.rl.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The YAML key of a config record component when its snake_case name cannot be spelled in Java,
 * e.g. {@code @Key("lambda") double gaeLambda} for skrl's {@code lambda}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD, ElementType.FIELD})
public @interface Key {
    /** The config key, snake_case. */
    String value();
}
