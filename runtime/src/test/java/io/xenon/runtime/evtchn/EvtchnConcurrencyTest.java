package io.xenon.runtime.evtchn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.xenon.abi.DomId;
import io.xenon.abi.evtchn.EvtchnOp;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EvtchnConcurrencyTest {

    private static final DomId SELF = new DomId(EvtchnOp.DOMID_SELF);

    @Test
    void crossDomainBindSendAndCloseFromBothSidesNeitherDeadlocksNorLeaks() throws Exception {
        Host host = new Host(128, 2);
        Domain dom0 = host.createDom0(32, 1);
        Domain domU = host.create(DomainConfigs.read("name = \"g\"\nmemory = 16\nkernel = \"builtin:idle\"\n",
                "test", List.of()));
        EventChannels evtchn = new EventChannels();
        evtchn.create(dom0);
        evtchn.create(domU);
        AtomicInteger failures = new AtomicInteger();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> cycles(evtchn, dom0.id(), domU.id(), failures));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> cycles(evtchn, domU.id(), dom0.id(), failures));
            CompletableFuture.allOf(a, b).join();
        });

        assertEquals(0, failures.get());
        assertEquals(0, evtchn.openPorts());
    }

    /** {@code offerer} offers a port, {@code binder} binds it; they send at each other, then both close. */
    private static void cycles(EventChannels evtchn, DomId offerer, DomId binder, AtomicInteger failures) {
        for (int i = 0; i < 5_000; i++) {
            int offered = evtchn.allocUnbound(offerer, SELF, binder);
            int bound = evtchn.bindInterdomain(binder, offerer, EvtchnPort.of(offered));
            if (offered <= 0 || bound <= 0) {
                failures.incrementAndGet();
                continue;
            }
            int rc = evtchn.send(offerer, EvtchnPort.of(offered)) | evtchn.send(binder, EvtchnPort.of(bound));
            DomId first = i % 2 == 0 ? offerer : binder;
            int firstPort = i % 2 == 0 ? offered : bound;
            DomId second = first == offerer ? binder : offerer;
            int secondPort = first == offerer ? bound : offered;
            rc |= evtchn.close(first, EvtchnPort.of(firstPort)) | evtchn.close(second, EvtchnPort.of(secondPort));
            if (rc != 0) {
                failures.incrementAndGet();
            }
        }
    }
}
