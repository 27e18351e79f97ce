package io.xenon.actors.domain;

import io.xenon.actors.xenstore.DeviceNodes;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.VifSpec;
import io.xenon.runtime.domain.Domain;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The split devices a domain's config asks for, as libxl adds them at {@code xl create}: one
 * vif per {@code vif} entry (devid = its index unless the entry forces one, MAC from the entry or
 * random under Xen's {@code 00:16:3e} prefix).
 */
public final class Devices {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Devices() {
    }

    /** The device directories for {@code domain}'s config. */
    public static List<DeviceNodes> of(Domain domain) {
        DomainConfig c = domain.config();
        List<DeviceNodes> out = new ArrayList<>();
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
