package io.xenon.runtime.xenstore;

/**
 * One entry of a node's permission list ({@code struct xs_permissions} in
 * {@code tools/include/xenstore_lib.h}): a domain and what it may do, written on the wire as one
 * letter and a decimal domid ({@code "r5"}).
 */
public record XsPerm(int domid, Access access) {

    /** The access letters: {@code n} none, {@code r} read, {@code w} write, {@code b} both. */
    public enum Access {
        NONE('n'), READ('r'), WRITE('w'), BOTH('b');

        private final char letter;

        Access(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }

        public boolean canRead() {
            return this == READ || this == BOTH;
        }

        public boolean canWrite() {
            return this == WRITE || this == BOTH;
        }

        static Access ofLetter(char c) {
            for (Access a : values()) {
                if (a.letter == c) {
                    return a;
                }
            }
            return null;
        }
    }

    public XsPerm {
        if (domid < 0 || domid > 0xFFFF || access == null) {
            throw new IllegalArgumentException("bad permission: " + access + domid);
        }
    }

    public static XsPerm none(int domid) {
        return new XsPerm(domid, Access.NONE);
    }

    public static XsPerm read(int domid) {
        return new XsPerm(domid, Access.READ);
    }

    public static XsPerm write(int domid) {
        return new XsPerm(domid, Access.WRITE);
    }

    public static XsPerm both(int domid) {
        return new XsPerm(domid, Access.BOTH);
    }

    /**
     * Parses {@code "r5"}: a letter, then a decimal domid of at most five digits that fits a u16.
     * Returns null for anything else.
     */
    // UNTRUSTED: the text comes from a XS_SET_PERMS payload.
    public static XsPerm parse(String text) {
        if (text.length() < 2 || text.length() > 6) {
            return null;
        }
        Access access = Access.ofLetter(text.charAt(0));
        if (access == null) {
            return null;
        }
        int domid = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            domid = domid * 10 + (c - '0');
        }
        return domid <= 0xFFFF ? new XsPerm(domid, access) : null;
    }

    @Override
    public String toString() {
        return access.letter + Integer.toString(domid);
    }
}
