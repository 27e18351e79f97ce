package io.xenon.actors.ext;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one host's extensions publish for each other, by type: the networks a back end plugs its
 * vifs into, for example. One per host (never static), so hosts in one JVM stay apart.
 *
 * <p>Thread-safe.
 */
public final class HostServices {

    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    /** Publishes {@code service} as the host's {@code type}. */
    public <T> void put(Class<T> type, T service) {
        services.put(type, type.cast(service));
    }

    /** The host's {@code type}, if an extension published one. */
    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
