/**
 * Xen's split drivers: shared rings and their stream stages ({@code ring}), and the device
 * protocols built on them ({@code net}, {@code blk}).
 */
package io.xenon.drivers;
