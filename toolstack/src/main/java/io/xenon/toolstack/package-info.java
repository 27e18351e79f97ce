/** The toolstack: the daemon ({@code xenon up}), its REST API, and the {@code xl} command line. */
package io.xenon.toolstack;
