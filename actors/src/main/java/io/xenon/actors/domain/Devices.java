package io.xenon.actors.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.actors.xenstore.DeviceNodes;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.VifSpec;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.evtchn.EventChannels;
import io.xenon.runtime.gnttab.GrantTables;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The devices a domain gets at {@code xl create}, as the domain builder and libxl set them up:
 * its console (page, grant and event channel), and one vif per {@code vif} entry (devid = its index unless the entry forces one, MAC from the entry or
 * random under Xen's {@code 00:16:3e} prefix).
 */
public final class Devices {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Devices() {
    }

    /**
     * The guest's console page: the page below its grant-table frames, as the domain builder
     * reserves special pages at the top of a PV guest's memory.
     */
    public static long consoleGfn(Domain domain, GrantTables grants) {
        return grants.table(domain.id()).firstFrameGfn() - 1;
    }

    /**
     * Sets the console up as the domain builder does: grants the console page to Domain-0 as
     * {@code GNTTAB_RESERVED_CONSOLE} and opens an event channel Domain-0 may bind.
     *
     * @return the guest's console port
     * @throws IllegalStateException if the domain has no free port
     */
    public static int openConsole(Domain domain, EventChannels evtchns, GrantTables grants) {
        int port = evtchns.allocUnbound(DomId.DOM0, domain.id(), DomId.DOM0);
        if (port < 0) {
            throw new IllegalStateException("no event channel for the console of domain " + domain.id() + " (" + port + ")");
        }
        grants.table(domain.id()).grantAccess(new GrantRef(GnttabOp.GNTTAB_RESERVED_CONSOLE), DomId.DOM0,
                consoleGfn(domain, grants), false);
        return port;
    }

    /** The device directories for {@code domain}: its console, then what its config asks for. */
    public static List<DeviceNodes> of(Domain domain, StartInfo start) {
        DomainConfig c = domain.config();
        List<DeviceNodes> out = new ArrayList<>();
        out.add(DeviceNodes.console(domain.id().value(), start.consoleGfn(), start.consoleEvtchn()));
        if (c == null) {
            return out;
        }
        for (int i = 0; i < c.vifs().size(); i++) {
            VifSpec vif = c.vifs().get(i);
            out.add(DeviceNodes.vif(domain.id().value(), vif.devid() == null ? i : vif.devid(), vif, mac(vif)));
        }
        return out;
    }

    /** The vif's MAC: its {@code mac=}, else {@code 00:16:3e} and three random bytes, as libxl picks. */
    public static String mac(VifSpec vif) {
        if (vif.mac() != null) {
            return vif.mac();
        }
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return String.format(Locale.ROOT, "00:16:3e:%02x:%02x:%02x", b[0] & 0x7f, b[1] & 0xff, b[2] & 0xff);
    }
}
