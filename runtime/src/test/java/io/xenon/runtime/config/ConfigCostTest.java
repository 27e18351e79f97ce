package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * UNTRUSTED: the largest sources accepted, shaped to hit the costliest paths, must still read
 * quickly. Each of these took tens of seconds when some step was quadratic in the length.
 */
class ConfigCostTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void readsAOneLineMegabyteListWithWideCharactersQuickly() {
        StringBuilder sb = new StringBuilder("# \u20ac\na = [");
        while (sb.length() < XlCfg.MAX_SOURCE_CHARS - 10) {
            sb.append("1,");
        }
        String text = sb.append("]\n").toString();
        CfgFile cfg = assertTimeoutPreemptively(LIMIT, () -> XlCfg.parse(text, "big.cfg"));
        assertEquals((text.length() - 11) / 2, ((CfgValue.Lst) cfg.get("a")).items().size());
    }

    @Test
    void joinsManyPlusEqualsQuickly() {
        String strings = "a = ''\n" + "a+='x'\n".repeat(140_000);
        CfgFile s = assertTimeoutPreemptively(LIMIT, () -> XlCfg.parse(strings, "big.cfg"));
        assertEquals(140_000, Values.text(s.get("a")).length());
        String lists = "a = []\n" + "a+=[1]\n".repeat(140_000);
        CfgFile l = assertTimeoutPreemptively(LIMIT, () -> XlCfg.parse(lists, "big.cfg"));
        assertEquals(140_000, ((CfgValue.Lst) l.get("a")).items().size());
    }

    @Test
    void scansADiskSpecOfManyPrefixesQuickly() {
        String text = "name = 'g'\nkernel = '/k'\ndisk = ['" + "aio:".repeat(200_000) + "/x,xvda']\n";
        DomainConfig c = assertTimeoutPreemptively(LIMIT, () -> DomainConfigs.read(text, "big.cfg", List.of()));
        assertEquals("/x", c.disks().get(0).target());
    }
}
