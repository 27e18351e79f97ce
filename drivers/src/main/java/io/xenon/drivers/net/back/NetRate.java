package io.xenon.drivers.net.back;

import io.xenon.network.packet.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A vif's {@code rate} backend key as libxl writes it ({@code libxl__device_nic_add}:
 * {@code "<bytes_per_interval>,<interval_usecs>"}), and its {@code vlan} and {@code ip} keys.
 *
 * @param bytes         credit per interval
 * @param intervalNanos the interval
 */
record NetRate(long bytes, long intervalNanos) {

    /**
     * The {@code rate} key's value.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static NetRate parse(String value) {
        String[] parts = value.split(",", -1);
        try {
            if (parts.length == 2) {
                long bytes = Long.parseUnsignedLong(parts[0]);
                long usecs = Long.parseUnsignedLong(parts[1]);
                if (bytes > 0 && usecs > 0 && usecs <= TimeUnit.SECONDS.toMicros(3600)) {
                    return new NetRate(bytes, TimeUnit.MICROSECONDS.toNanos(usecs));
                }
            }
        } catch (NumberFormatException e) {
            // Falls through to the refusal below.
        }
        throw new IllegalArgumentException("rate '" + value + "' is not <bytes>,<usecs>");
    }

    /**
     * The {@code vlan} key's value: an 802.1Q VLAN id.
     *
     * @throws IllegalArgumentException if it is not 1 to 4094
     */
    static int vlan(String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1 && v <= 4094) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Falls through to the refusal below.
        }
        throw new IllegalArgumentException("vlan '" + value + "' is not 1 to 4094");
    }

    /**
     * The {@code ip} key's value: IPv4 addresses separated by spaces, as vif-route reads it.
     *
     * @throws IllegalArgumentException naming the word that is not an address
     */
    static List<Ipv4Address> addresses(String value) {
        List<Ipv4Address> out = new ArrayList<>();
        for (String word : value.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                try {
                    out.add(Ipv4Address.parse(word));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("ip '" + word + "' is not an IPv4 address");
                }
            }
        }
        return out;
    }
}
