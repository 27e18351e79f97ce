/** XenBus, the device handshake over XenStore: {@code xen/include/public/io/xenbus.h}. */
package io.xenon.abi.xenbus;
