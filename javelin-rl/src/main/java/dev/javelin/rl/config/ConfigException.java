package dev.javelin.rl.config;

/** A config that cannot be used: unknown key, wrong type or out-of-range value. The message names the key. */
public final class ConfigException extends IllegalArgumentException {
    /** A config error; {@code message} names the key and what was wrong. */
    public ConfigException(String message) {
        super(message);
    }
}
