package io.xenon.actors;

import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainType;
import java.util.List;
import java.util.Map;

/** Domain configs for actor tests, built without the xl.cfg parser. */
final class TestConfigs {

    private TestConfigs() {
    }

    static DomainConfig config(String name, String kernel, long memoryMiB, int vcpus, Action onCrash, String extra) {
        return new DomainConfig(name, DomainType.PV, memoryMiB, memoryMiB, vcpus, vcpus, null, null, 256, 0,
                Action.DESTROY, Action.RESTART, Action.DESTROY, onCrash, Action.SOFT_RESET, kernel, null, null,
                null, extra, null, List.of(), List.of(), List.of(), 64, 1023, Map.of(), List.of(), "<test>");
    }

    static DomainConfig idle(String name) {
        return config(name, "java:" + TestKernels.Idle.class.getName(), 128, 1, Action.DESTROY, null);
    }

    static DomainConfig crashing(String name, Action onCrash, String extra) {
        return config(name, "java:" + TestKernels.Crash.class.getName(), 64, 1, onCrash, extra);
    }
}
