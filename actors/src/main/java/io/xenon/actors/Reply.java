package io.xenon.actors;

import io.xenon.abi.DomId;

/** What the hypervisor and domain actors answer a toolstack command with. */
public sealed interface Reply {

    /** The command was carried out; {@code message} may be empty. */
    record Done(String message) implements Reply {
    }

    /** A domain was created and started (or left paused). */
    record Created(DomId domid, String name) implements Reply {
    }

    /**
     * The command was refused and nothing changed; {@code reason} is the message for the user,
     * {@code kind} says whether the domain was missing, the request invalid, or the state wrong.
     */
    record Rejected(String reason, Kind kind) implements Reply {

        /** A refusal for the domain's or host's current state. */
        public Rejected(String reason) {
            this(reason, Kind.CONFLICT);
        }
    }

    /** Why a command was refused. */
    enum Kind {
        NO_SUCH_DOMAIN,
        INVALID,
        CONFLICT
    }

    /** The refusal for a domain reference that names no domain. */
    static Rejected noSuchDomain(String ref) {
        return new Rejected("domain " + ref + " does not exist", Kind.NO_SUCH_DOMAIN);
    }
}
