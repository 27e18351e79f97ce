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

    /** The command was refused and nothing changed; {@code reason} is the message for the user. */
    record Rejected(String reason) implements Reply {
    }
}
