/**
 * {@code xenstored} as an actor: it owns the XenStore tree and serves tools and domains, each on
 * its own connection, and writes the nodes the toolstack keeps for each domain.
 */
package io.xenon.actors.xenstore;
