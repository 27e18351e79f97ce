package io.xenon.actors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where {@code xl console} input for each domain goes: the console back end of a connected
 * domain registers itself here, and the toolstack's console socket hands typed bytes to it.
 * Thread-safe.
 */
public final class ConsoleInputs {

    private final Map<Integer, Consumer<byte[]>> inputs = new ConcurrentHashMap<>();

    /** The domain's console back end takes input through {@code input}. */
    public void register(int domid, Consumer<byte[]> input) {
        inputs.put(domid, input);
    }

    /** The back end is gone. */
    public void unregister(int domid, Consumer<byte[]> input) {
        inputs.remove(domid, input);
    }

    /** Where the domain's console input goes, or null if no back end is connected. */
    public Consumer<byte[]> get(int domid) {
        return inputs.get(domid);
    }
}
