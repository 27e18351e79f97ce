package io.xenon.network;

/** A vif named a network ({@code bridge=}) the host does not have. */
public final class NoSuchNetworkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSuchNetworkException(String name) {
        // vif-bridge's words, which libxl reports as the device's hotplug error.
        super("Could not find bridge device " + name);
    }
}
