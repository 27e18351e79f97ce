/**
 * Extension points of the host: parts from modules above the actors (networks) that the
 * hypervisor starts and that back ends reach through {@link io.xenon.actors.ext.HostServices}.
 */
package io.xenon.actors.ext;
