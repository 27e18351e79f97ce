package io.xenon.abi;

/**
 * A domain id ({@code domid_t}, a u16 in {@code xen/include/public/xen.h}).
 *
 * <p>Ordinary domains are 0 ({@code Domain-0}) to {@link Xen#DOMID_FIRST_RESERVED} - 1; the
 * reserved ids ({@code DOMID_SELF}, {@code DOMID_IO}, ...) name special domains.
 */
public record DomId(int value) implements Comparable<DomId> {

    /** Domain-0, the control domain. */
    public static final DomId DOM0 = new DomId(0);

    public DomId {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("domid out of range: " + value);
        }
    }

    public static DomId of(int value) {
        return value == 0 ? DOM0 : new DomId(value);
    }

    /** Whether this id names an ordinary domain rather than a reserved one. */
    public boolean isOrdinary() {
        return value < Xen.DOMID_FIRST_RESERVED;
    }

    @Override
    public int compareTo(DomId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
