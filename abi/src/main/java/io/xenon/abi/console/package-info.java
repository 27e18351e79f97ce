/**
 * The PV console's shared page as Xen's public interface defines it:
 * {@code xen/include/public/io/console.h}.
 *
 * <p>{@link io.xenon.abi.console.XenconsInterface} is {@code struct xencons_interface}: two byte
 * rings ({@code in} towards the guest, {@code out} from it) with free-running u32 indices, and
 * the {@code connection} flag the back end sets when it services the console.
 */
package io.xenon.abi.console;
