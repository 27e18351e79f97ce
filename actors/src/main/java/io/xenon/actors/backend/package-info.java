/**
 * Domain-0's back-end bus: the actor that starts and stops back-end actors as the toolstack
 * creates and removes device directories, and the driver SPI the drivers module implements.
 */
package io.xenon.actors.backend;
