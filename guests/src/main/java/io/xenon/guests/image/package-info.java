/** The built-in guest images, booted with {@code kernel = "builtin:NAME"}. */
package io.xenon.guests.image;
