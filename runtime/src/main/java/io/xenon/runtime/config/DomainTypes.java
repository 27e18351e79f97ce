package io.xenon.runtime.config;

import java.util.List;

/**
 * The domain type from xl.cfg's {@code type} and the deprecated {@code builder}, read as
 * {@code xl_parse.c} reads them: the value is compared with {@code strncmp(value, NAME,
 * strlen(value))}, so any prefix of a name selects it, the names tried in the order hvm, pv,
 * pvh ({@code "h"} is hvm, {@code "p"} is pv, and the empty string is hvm). {@code builder}
 * takes {@code generic} (pv) or {@code hvm} and must not contradict {@code type}. With
 * neither, the type is pv, as on x86.
 */
final class DomainTypes {

    private DomainTypes() {
    }

    static DomainType of(CfgFile cfg, List<ConfigWarning> warnings) throws ConfigException {
        DomainType type = null;
        CfgFile.Entry typeEntry = cfg.entry("type").orElse(null);
        if (typeEntry != null) {
            String value = Values.string(typeEntry);
            type = byPrefix(value, "hvm", DomainType.HVM, "pv", DomainType.PV, "pvh", DomainType.PVH);
            if (type == null) {
                throw new ConfigException(typeEntry.value().position(), "type: expected \"pv\", \"pvh\" or \"hvm\""
                        + " but found " + Describe.quoted(value));
            }
            spelled(typeEntry, value, type.cfgName(), warnings);
        }
        CfgFile.Entry builderEntry = cfg.entry("builder").orElse(null);
        if (builderEntry != null) {
            String value = Values.string(builderEntry);
            DomainType built = byPrefix(value, "hvm", DomainType.HVM, "generic", DomainType.PV, null, null);
            if (built == null) {
                throw new ConfigException(builderEntry.value().position(), "builder: expected \"generic\" or"
                        + " \"hvm\" but found " + Describe.quoted(value));
            }
            if (type != null && type != built) {
                throw new ConfigException(builderEntry.value().position(), "builder: expected the type that type = "
                        + Describe.quoted(type.cfgName()) + " gives but found " + Describe.quoted(value)
                        + " (contradicting builder and type)");
            }
            spelled(builderEntry, value, built == DomainType.HVM ? "hvm" : "generic", warnings);
            warnings.add(new ConfigWarning(builderEntry.position(), "builder is deprecated since Xen 4.10; use type = "
                    + Describe.quoted(built.cfgName())));
            type = built;
        }
        return type == null ? DomainType.PV : type;
    }

    private static DomainType byPrefix(String value, String n1, DomainType t1, String n2, DomainType t2,
            String n3, DomainType t3) {
        if (n1.startsWith(value)) {
            return t1;
        }
        if (n2.startsWith(value)) {
            return t2;
        }
        return n3 != null && n3.startsWith(value) ? t3 : null;
    }

    private static void spelled(CfgFile.Entry e, String value, String name, List<ConfigWarning> warnings) {
        if (!value.equals(name)) {
            warnings.add(new ConfigWarning(e.value().position(), e.key() + ": " + Describe.quoted(value)
                    + " taken as " + Describe.quoted(name) + ", since xl accepts any prefix of the name"));
        }
    }
}
