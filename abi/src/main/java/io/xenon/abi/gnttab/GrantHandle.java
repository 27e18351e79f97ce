package io.xenon.abi.gnttab;

/**
 * A grant mapping handle ({@code grant_handle_t}, a u32 in
 * {@code xen/include/public/grant_table.h}): what {@code GNTTABOP_map_grant_ref} returns and
 * {@code GNTTABOP_unmap_grant_ref} takes back; an index into the mapping domain's maptrack.
 *
 * <p>{@code value} holds the u32 bit pattern, so every value a guest can pass is representable.
 */
public record GrantHandle(int value) {

    /** The handle as the unsigned number a guest passed. */
    public long unsigned() {
        return Integer.toUnsignedLong(value);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(value);
    }
}
