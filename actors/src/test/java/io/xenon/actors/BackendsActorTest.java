package io.xenon.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.xenstore.XsType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The back-end bus starts a driver's actor for each device directory and stops it when the directory goes. */
class BackendsActorTest extends HostTestBase {

    @Test
    void aBackEndRunsWhileItsDirectoryExists() throws Exception {
        TestBackend.EVENTS.clear();
        XsProbe xs = xenstore();
        String dir = "/local/domain/0/backend/vtest/5/0";
        assertEquals(XsType.XS_WRITE, xs.request(XsType.XS_WRITE, dir + "/frontend",
                "/local/domain/5/device/vtest/0").type());
        assertEquals("start vtest-5-0", TestBackend.EVENTS.poll(5, TimeUnit.SECONDS));
        xs.request(XsType.XS_WRITE, dir + "/state", "1");
        xs.request(XsType.XS_RM, "/local/domain/0/backend/vtest/5");
        assertEquals("stop vtest-5-0", TestBackend.EVENTS.poll(5, TimeUnit.SECONDS));
        xs.request(XsType.XS_WRITE, dir + "/frontend", "/local/domain/5/device/vtest/0");
        assertEquals("start vtest-5-0", TestBackend.EVENTS.poll(5, TimeUnit.SECONDS));
    }
}
