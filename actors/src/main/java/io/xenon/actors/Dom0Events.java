package io.xenon.actors;

import io.xenon.abi.DomId;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Vcpu;
import io.xenon.runtime.evtchn.EvtchnBits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domain-0's event-channel upcall, as its kernel's {@code evtchn_do_upcall} dispatches ports to
 * the handlers drivers bound ({@code bind_evtchn_to_irqhandler}): back ends register a handler
 * per port, and an event on that port runs it.
 *
 * <p>Domain-0's vCPU 0 sleeps blocked; an event wakes it, which runs the pending ports' handlers
 * at once on the thread that sent the event, then blocks it again. A handler runs while an event
 * channel lock is held, so it must only hand the event on (tell an actor) and never call back
 * into event channels or block.
 */
public final class Dom0Events {

    private final Vcpu vcpu;
    private final EvtchnBits bits;
    private final Map<Integer, Runnable> handlers = new ConcurrentHashMap<>();

    Dom0Events(Domain dom0, EvtchnBits bits) {
        if (!dom0.id().equals(DomId.DOM0)) {
            throw new IllegalArgumentException("not Domain-0: " + dom0);
        }
        this.vcpu = dom0.vcpu(0);
        this.bits = bits;
        vcpu.setWakeListener(v -> upcall());
        vcpu.block();
    }

    /** Runs {@code handler} for each event on Domain-0's {@code port}. */
    public void bind(int port, Runnable handler) {
        handlers.put(port, handler);
    }

    /** Stops handling {@code port}. */
    public void unbind(int port) {
        handlers.remove(port);
    }

    /** Ports with a handler, for leak checks. */
    public int boundPorts() {
        return handlers.size();
    }

    private void upcall() {
        do {
            vcpu.takeUpcall();
            bits.drain(0, port -> {
                Runnable h = handlers.get(port);
                if (h != null) {
                    h.run();
                }
            });
        } while (!vcpu.block());
    }
}
