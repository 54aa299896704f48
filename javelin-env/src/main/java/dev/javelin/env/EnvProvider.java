package dev.javelin.env;

import java.util.List;
import java.util.Optional;

/**
 * A module's envs, found with {@link java.util.ServiceLoader} when {@link Envs} is first used: a jar that lists
 * its provider in {@code META-INF/services/dev.javelin.env.EnvProvider} adds its ids to the registry (and to
 * {@code javelin envs}) by being on the class path.
 */
public interface EnvProvider {

    /** What the provider's envs are, for listings ("MuJoCo"). */
    String name();

    /** The ids it registers, with their factories and option keys. */
    List<EnvSpec> specs();

    /**
     * Why its envs cannot be built on this machine (a native library missing, say), with the command that
     * fixes it; empty when they can. The ids stay registered, and making one fails with this message.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }
}
