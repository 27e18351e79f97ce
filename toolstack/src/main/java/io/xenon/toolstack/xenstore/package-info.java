/** The XenStore Unix-socket server that Xen's own clients (xenstore-utils) connect to. */
package io.xenon.toolstack.xenstore;
