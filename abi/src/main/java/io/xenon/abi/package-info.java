/**
 * Xen's public interface as Java: constants, struct offsets and sizes, XenStore wire names,
 * XenBus states, hypercall and op numbers, errno values.
 *
 * <p>Every class names the Xen header it mirrors; names are spelled as Xen spells them.
 * Byte offsets sit under the C struct they come from, quoted in a comment. This package depends
 * on nothing.
 */
package io.xenon.abi;
