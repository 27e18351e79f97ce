/**
 * The hypervisor core as plain Java: machine memory, domains and vCPUs, event channels,
 * schedulers, and the xl.cfg model. Each object is confined to the actor that owns it unless its
 * Javadoc says otherwise; nothing here uses Pekko, so all of it is unit-tested without an actor
 * system.
 */
package io.xenon.runtime;
