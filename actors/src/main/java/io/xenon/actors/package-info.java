/**
 * The supervision tree: the hypervisor, the domain supervisor, one actor per domain and per vCPU,
 * and the scheduler. Each actor owns one runtime object and turns messages into calls on it.
 */
package io.xenon.actors;
