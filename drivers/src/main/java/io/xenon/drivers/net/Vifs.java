package io.xenon.drivers.net;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domain-0's network interfaces that belong to vifs, by name: what {@code ip link} lists and a
 * bridge's {@code brctl addif} looks up. Back ends register a {@link VifPort} when they create the
 * interface and remove it when the device goes.
 *
 * <p>XEN-DIFF: Linux attaches a vif to the bridge named by its backend {@code bridge} key through
 * the hotplug script; here nothing is switched yet (the network module will be), and
 * {@link #connect} wires two ports back to back instead.
 *
 * <p>Thread-safe.
 */
public final class Vifs {

    private static final Map<String, VifPort> PORTS = new ConcurrentHashMap<>();

    private Vifs() {
    }

    /** Makes {@code port} known under its name, replacing a port of the same name. */
    public static void register(VifPort port) {
        PORTS.put(port.name(), port);
    }

    /** Forgets {@code port}, if it is still the one registered under its name. */
    public static void unregister(VifPort port) {
        PORTS.remove(port.name(), port);
    }

    /** The port named {@code name}, if it exists. */
    public static Optional<VifPort> get(String name) {
        return Optional.ofNullable(PORTS.get(name));
    }

    /** The names of every registered port, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(PORTS.keySet());
    }

    /**
     * Wires ports {@code a} and {@code b} back to back, as a crossover cable: what either guest
     * sends arrives at the other.
     *
     * @throws IllegalArgumentException if either port does not exist
     */
    public static void connect(String a, String b) {
        VifPort pa = get(a).orElseThrow(() -> new IllegalArgumentException("no vif " + a));
        VifPort pb = get(b).orElseThrow(() -> new IllegalArgumentException("no vif " + b));
        pa.setUplink(pb::toGuest);
        pb.setUplink(pa::toGuest);
    }
}
