package io.xenon.abi.gnttab;

/**
 * A grant reference ({@code grant_ref_t}, a u32 in {@code xen/include/public/grant_table.h}):
 * an index into the granting domain's grant table.
 *
 * <p>{@code value} holds the u32 bit pattern, so every value a guest can pass is representable;
 * whether it names an entry is for the table to decide.
 */
public record GrantRef(int value) {

    /** The reference as the unsigned number a guest passed. */
    public long unsigned() {
        return Integer.toUnsignedLong(value);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(value);
    }
}
