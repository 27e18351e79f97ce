package io.xenon.runtime.xenstore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's permission list ({@code struct node_perms} in C xenstored). The first entry names the
 * owner, who may do everything, and its access letter is the default for every domain without an
 * entry of its own; later entries grant specific domains. Immutable.
 */
public final class XsPerms {

    private final List<XsPerm> entries;

    private XsPerms(List<XsPerm> entries) {
        this.entries = entries;
    }

    /** An owner entry followed by any per-domain entries. */
    public static XsPerms of(XsPerm owner, XsPerm... others) {
        List<XsPerm> list = new ArrayList<>(others.length + 1);
        list.add(owner);
        list.addAll(List.of(others));
        return new XsPerms(List.copyOf(list));
    }

    /** A non-empty list. */
    public static XsPerms of(List<XsPerm> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a permission list names at least its owner");
        }
        return new XsPerms(List.copyOf(entries));
    }

    /** Parses entries such as {@code "n0"}, {@code "r5"}; null if any is malformed or none is given. */
    // UNTRUSTED: the strings come from a XS_SET_PERMS payload.
    public static XsPerms parse(List<String> texts) {
        if (texts.isEmpty()) {
            return null;
        }
        List<XsPerm> list = new ArrayList<>(texts.size());
        for (String t : texts) {
            XsPerm p = XsPerm.parse(t);
            if (p == null) {
                return null;
            }
            list.add(p);
        }
        return new XsPerms(List.copyOf(list));
    }

    public List<XsPerm> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** The owning domain: the first entry's domid. */
    public int owner() {
        return entries.get(0).domid();
    }

    /** The same list with the first entry's domid replaced (a DomU owns what it creates). */
    XsPerms withOwner(int domid) {
        if (owner() == domid) {
            return this;
        }
        List<XsPerm> list = new ArrayList<>(entries);
        list.set(0, new XsPerm(domid, entries.get(0).access()));
        return new XsPerms(List.copyOf(list));
    }

    /**
     * What an unprivileged domain may do ({@code perm_for_conn}): everything if it (or the domain
     * it serves as a device model, {@code target}, or -1) owns the node; else its own entry, the
     * first matching entry winning; else the owner's letter.
     */
    XsPerm.Access accessFor(int domid, int target) {
        if (owner() == domid || (target >= 0 && owner() == target)) {
            return XsPerm.Access.BOTH;
        }
        for (int i = 1; i < entries.size(); i++) {
            XsPerm p = entries.get(i);
            if (p.domid() == domid || (target >= 0 && p.domid() == target)) {
                return p.access();
            }
        }
        return entries.get(0).access();
    }

    /** The wire form: each entry followed by a NUL ({@code "n0\0r5\0"}). */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder();
        for (XsPerm p : entries) {
            sb.append(p).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XsPerms p && p.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** Space-separated, as {@code xenstore-ls -p} prints them: {@code "n0 r5"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (XsPerm p : entries) {
            sb.append(sb.length() == 0 ? "" : " ").append(p);
        }
        return sb.toString();
    }
}
