/**
 * {@code xl}: Xen's toolstack command line with Xen's syntax and output formats, as a client of
 * the daemon's REST API. {@link io.xenon.toolstack.xl.Xl} holds the command table; each family
 * of commands is one class.
 */
package io.xenon.toolstack.xl;
