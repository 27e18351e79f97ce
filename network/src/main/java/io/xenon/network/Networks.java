package io.xenon.network;

import io.xenon.network.port.Endpoint;
import io.xenon.network.port.PortHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A host's networks by name, what a back end plugs a vif into (the work {@code vif-bridge}'s
 * {@code brctl addif} does). Published in the host's services by {@link NetworksExtension}; each
 * network becomes usable once its actor has started its graph, and attaching before that waits.
 *
 * <p>Thread-safe.
 */
public final class Networks {

    private final Map<String, CompletableFuture<Network>> networks = new LinkedHashMap<>();

    /** The registry of the networks {@code specs} declare, none started yet. */
    public Networks(List<NetworkSpec> specs) {
        for (NetworkSpec s : specs) {
            networks.put(s.name(), new CompletableFuture<>());
        }
    }

    /** The declared networks' names, in declaration order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(networks.keySet());
    }

    /** The network called {@code name}, if it is declared and started. */
    public Optional<Network> get(String name) {
        CompletableFuture<Network> f = networks.get(name);
        return f == null || !f.isDone() ? Optional.empty() : Optional.of(f.join());
    }

    /**
     * Plugs {@code endpoint} into the network called {@code name}; fails with
     * {@link NoSuchNetworkException} if the host has none of that name.
     */
    public CompletionStage<PortHandle> attach(String name, Endpoint endpoint) {
        CompletableFuture<Network> f = networks.get(name);
        if (f == null) {
            return CompletableFuture.failedFuture(new NoSuchNetworkException(name));
        }
        return f.thenCompose(n -> n.attach(endpoint));
    }

    /** The port called {@code name} ({@code vif3.0}) in whichever started network has it. */
    public Optional<io.xenon.network.port.Port> port(String name) {
        for (CompletableFuture<Network> f : networks.values()) {
            if (f.isDone()) {
                Optional<io.xenon.network.port.Port> p = f.join().port(name);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    /** The network's actor started it. */
    void started(Network network) {
        networks.get(network.spec().name()).complete(network);
    }
}
