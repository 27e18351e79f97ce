package io.xenon.actors.guest;

/**
 * A built-in guest image: what {@code kernel = "builtin:NAME"} boots. Images are found with
 * {@link java.util.ServiceLoader}, so a module adds one by listing it in
 * {@code META-INF/services/io.xenon.actors.guest.GuestImage}.
 */
public interface GuestImage {

    /** The name after {@code builtin:}. */
    String name();

    /** One line saying what the image does and which parameters it takes. */
    String description();

    /**
     * A fresh kernel for one domain.
     *
     * @throws IllegalArgumentException if a parameter is invalid; the message names it
     */
    GuestKernel create(KernelArgs args);
}
