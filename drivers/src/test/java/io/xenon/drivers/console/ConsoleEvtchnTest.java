package io.xenon.drivers.console;

import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_host_map;
import static io.xenon.abi.gnttab.GnttabOp.GNTTAB_RESERVED_CONSOLE;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.evtchn.EvtchnOp;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.evtchn.EventChannels;
import io.xenon.runtime.gnttab.GrantMapping;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.mm.Page;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console between a DomU and Domain-0 as the host wires it: a granted page and an interdomain event channel. */
class ConsoleEvtchnTest {

    private static final long CONSOLE_GFN = 1;

    @TempDir
    Path dir;

    private final EventChannels evtchn = new EventChannels();
    private final GrantTables gnttab = new GrantTables();
    private Domain dom0;
    private Domain domU;
    private int guestPort;
    private int backPort;
    private ConsoleFront front;
    private ConsoleBack back;
    private final ByteArrayOutputStream guestInput = new ByteArrayOutputStream();

    @BeforeEach
    void boot() throws Exception {
        Host host = new Host(256, 2);
        dom0 = host.createDom0(64, 1);
        domU = host.create(DomainConfigs.read("name = \"web\"\nmemory = 16\nkernel = \"builtin:idle\"\n",
                "test", List.of()));
        DomId d0 = dom0.id();
        DomId dU = domU.id();
        evtchn.create(dom0);
        evtchn.create(domU);
        gnttab.create(dom0);
        gnttab.create(domU);

        // The domain builder's part: the console page, granted to Domain-0 at the reserved ref,
        // and an unbound port offered to Domain-0 (~/console/ring-ref, ~/console/port).
        Page guestPage = domU.memory().page(CONSOLE_GFN);
        gnttab.table(dU).grantAccess(new GrantRef(GNTTAB_RESERVED_CONSOLE), d0, CONSOLE_GFN, false);
        guestPort = evtchn.allocUnbound(dU, new DomId(EvtchnOp.DOMID_SELF), d0);
        assertTrue(guestPort > 0);

        // xenconsoled's part: map the page, bind the port.
        GrantMapping mapping = gnttab.mapGrantRef(d0, dU, new GrantRef(GNTTAB_RESERVED_CONSOLE), GNTMAP_host_map);
        assertTrue(mapping.status().isOkay(), mapping.status().toString());
        assertSame(guestPage, mapping.page());
        backPort = evtchn.bindInterdomain(d0, dU, EvtchnPort.of(guestPort));
        assertTrue(backPort > 0);

        front = new ConsoleFront(guestPage, () -> evtchn.send(dU, EvtchnPort.of(guestPort)));
        back = new ConsoleBack(domU, mapping.page(), () -> evtchn.send(d0, EvtchnPort.of(backPort)),
                ConsoleBack.Settings.defaults(dir));
    }

    @AfterEach
    void closeBack() {
        back.close();
    }

    /** Domain-0's upcall handler: the console port fired. */
    private int runDom0() {
        return evtchn.table(dom0.id()).bits().drain(0, port -> {
            assertEquals(backPort, port);
            back.onEvent();
        });
    }

    /** The guest's upcall handler: hvc_xen's interrupt reads input. */
    private int runGuest() {
        return evtchn.table(domU.id()).bits().drain(0, port -> {
            assertEquals(guestPort, port);
            guestInput.writeBytes(front.read());
        });
    }

    @Test
    void guestOutputReachesDomain0sConsoleLogAndFileThroughTheEventChannel() throws Exception {
        runDom0();
        assertEquals(6, front.write("login:".getBytes(US_ASCII)));
        assertEquals(1, runDom0());

        assertEquals("login:", new String(domU.console().snapshot(), US_ASCII));
        back.flush();
        assertEquals("login:", Files.readString(dir.resolve("web.log"), US_ASCII));
        assertTrue(domU.vcpu(0).isUpcallPending());
        assertEquals(1, runGuest());
    }

    @Test
    void keyboardInputReachesTheGuestAndBackPressureClearsOnItsNotifications() {
        byte[] typed = new byte[3000];
        for (int i = 0; i < typed.length; i++) {
            typed[i] = (byte) ('0' + i % 10);
        }
        assertEquals(typed.length, back.input(typed));
        for (int round = 0; round < 10 && guestInput.size() < typed.length; round++) {
            runGuest();
            runDom0();
        }
        assertEquals(new String(typed, US_ASCII), guestInput.toString(US_ASCII));
        assertEquals(0, back.pendingInput());
    }
}
