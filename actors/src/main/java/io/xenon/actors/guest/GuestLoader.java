package io.xenon.actors.guest;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Turns a config's {@code kernel} into a {@link GuestKernel}: {@code builtin:NAME} is a
 * {@link GuestImage} found on the class path, {@code java:CLASS} is a class with a public
 * no-argument constructor implementing {@link GuestKernel}. Anything else, such as a Linux image
 * path from Xen's examples, is refused: Xenon runs Java guests, not machine code.
 */
public final class GuestLoader {

    private final Map<String, GuestImage> images = new TreeMap<>();
    private final ClassLoader classLoader;

    public GuestLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        for (GuestImage image : ServiceLoader.load(GuestImage.class, classLoader)) {
            images.putIfAbsent(image.name(), image);
        }
    }

    /** The built-in images by name. */
    public Map<String, GuestImage> images() {
        return java.util.Collections.unmodifiableMap(images);
    }

    /**
     * A kernel for {@code kernel} with its command line.
     *
     * @throws GuestLoadException naming the problem: an unknown image, a class that is missing
     *     or not a kernel, an invalid parameter, or a kernel that is neither form
     */
    public GuestKernel load(String kernel, String commandLine) throws GuestLoadException {
        if (kernel == null || kernel.isEmpty()) {
            throw new GuestLoadException("no kernel given: set kernel = \"builtin:NAME\" or \"java:CLASS\"");
        }
        KernelArgs args = KernelArgs.parse(commandLine);
        if (kernel.startsWith("builtin:")) {
            String name = kernel.substring("builtin:".length());
            GuestImage image = images.get(name);
            if (image == null) {
                throw new GuestLoadException("kernel \"" + kernel + "\": no built-in image named \"" + name
                        + "\" (known: " + String.join(", ", images.keySet()) + ")");
            }
            try {
                return image.create(args);
            } catch (IllegalArgumentException e) {
                throw new GuestLoadException("kernel \"" + kernel + "\": " + e.getMessage(), e);
            }
        }
        if (kernel.startsWith("java:")) {
            return instantiate(kernel, kernel.substring("java:".length()));
        }
        throw new GuestLoadException("kernel \"" + kernel + "\" cannot be booted: Xenon runs built-in images"
                + " (kernel = \"builtin:NAME\") and Java guests (kernel = \"java:CLASS\"), not native kernel images");
    }

    /** Checks that {@code kernel} would load, without keeping the kernel. */
    public void check(String kernel, String commandLine) throws GuestLoadException {
        load(kernel, commandLine);
    }

    private GuestKernel instantiate(String kernel, String className) throws GuestLoadException {
        Class<?> cls;
        try {
            cls = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new GuestLoadException("kernel \"" + kernel + "\": class " + className + " not found on the class path", e);
        }
        if (!GuestKernel.class.isAssignableFrom(cls)) {
            throw new GuestLoadException("kernel \"" + kernel + "\": " + className + " does not implement "
                    + GuestKernel.class.getName());
        }
        try {
            return (GuestKernel) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new GuestLoadException("kernel \"" + kernel + "\": cannot construct " + className + ": " + e, e);
        }
    }
}
