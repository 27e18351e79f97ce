/** The software that runs inside DomUs: a small Mini-OS-style guest OS and the built-in images. */
package io.xenon.guests;
