/**
 * A small event-driven PV guest OS in the style of Mini-OS: boot on vCPU 0, bring the other
 * vCPUs up, print to the console, and block until an event. Built-in images extend it.
 */
package io.xenon.guests.os;
