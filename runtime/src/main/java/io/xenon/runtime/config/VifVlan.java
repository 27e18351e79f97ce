package io.xenon.runtime.config;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vif's {@code vlan=} value, checked as Xen's Linux hotplug script checks it
 * ({@code tools/hotplug/Linux/xen-network-common.sh: _vif_vlan_membership}): terms separated
 * by {@code /}, each {@code N[p|u]} (one VLAN, {@code p} marking the PVID, {@code u} untagged),
 * {@code N-M[u]} (a range, M at least N) or {@code N+IxC[u]} (C VLANs from N in steps of I).
 * Every VLAN id is 1 to 4094 and appears once; at most one is the PVID, and a PVID is needed
 * when there is more than one VLAN.
 *
 * <p>XEN-DIFF: xl passes {@code vlan=} on unchecked and the hotplug script fails the device at
 * attach time; Xenon refuses the config up front.
 */
final class VifVlan {

    private static final int MAX_VID = 4094;
    private static final Pattern SINGLE = Pattern.compile("([0-9]+)([pu])?");
    private static final Pattern RANGE = Pattern.compile("([0-9]+)-([0-9]+)(u)?");
    private static final Pattern STRIDE = Pattern.compile("([0-9]+)\\+([0-9]+)x([0-9]+)(u)?");

    private final BitSet seen = new BitSet(MAX_VID + 1);
    private int pvid;

    private VifVlan() {
    }

    /** Null if the value is a valid VLAN specification, else what is wrong with it. */
    static String problem(String spec) {
        VifVlan v = new VifVlan();
        for (String term : spec.split("/", -1)) {
            String p = v.term(term);
            if (p != null) {
                return p;
            }
        }
        if (v.pvid == 0 && v.seen.cardinality() > 1) {
            return "expected one VLAN marked as the PVID with p (such as 10p/20) when there are several";
        }
        return null;
    }

    private String term(String term) {
        Matcher m = SINGLE.matcher(term);
        if (m.matches()) {
            return add(vid(m.group(1)), m.group(2) != null && m.group(2).equals("p"));
        }
        m = RANGE.matcher(term);
        if (m.matches()) {
            int first = vid(m.group(1));
            int last = vid(m.group(2));
            if (last < first) {
                return "expected a range N-M with M at least N but found " + Describe.quoted(term);
            }
            for (int id = first; id <= last; id++) {
                String p = add(id, false);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        m = STRIDE.matcher(term);
        if (m.matches()) {
            long id = vid(m.group(1));
            long step = vid(m.group(2));
            long count = vid(m.group(3));
            // INVARIANT: each step adds a new id in 1..4094 or fails, so this runs at most 4095 times.
            for (long i = 0; i < count; i++, id += step) {
                String p = add((int) Math.min(id, MAX_VID + 1), false);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return "expected terms like 10, 10p, 10u, 10-20, 10-20u or 100+10x4, separated by /, but found "
                + Describe.quoted(term);
    }

    /** A number as written, saturated just above the largest VLAN id. */
    private static int vid(String digits) {
        String d = digits.replaceFirst("^0+(?=.)", "");
        return d.length() > 5 ? MAX_VID + 1 : Math.min(Integer.parseInt(d), MAX_VID + 1);
    }

    private String add(int id, boolean isPvid) {
        if (id < 1 || id > MAX_VID) {
            return "expected VLAN ids from 1 to 4094 but found " + id + (id > MAX_VID ? " or more" : "");
        }
        if (seen.get(id)) {
            return "expected each VLAN id once but found " + id + " twice";
        }
        seen.set(id);
        if (isPvid) {
            if (pvid != 0) {
                return "expected one PVID but found two: " + pvid + "p and " + id + "p";
            }
            pvid = id;
        }
        return null;
    }
}
