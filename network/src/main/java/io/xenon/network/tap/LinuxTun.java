package io.xenon.network.tap;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A real Linux TAP or TUN interface, opened through {@code /dev/net/tun} with
 * {@code TUNSETIFF} and {@code IFF_NO_PI} (frames carry no packet-information prefix): what a
 * Xen Dom0's qemu opens for {@code -netdev tap}, here the uplink a network hands frames to.
 *
 * <p>The interface is not persistent: it exists while this object is open and goes when it is
 * closed, wherever it then is (moving it to another network namespace keeps the descriptor
 * working). {@link #up()} and {@link #setMtu(int)} act in the caller's network namespace, so
 * call them before moving the interface, or configure it with {@code ip -n} afterwards.
 *
 * <p>The descriptor is non-blocking. {@link #read} waits in {@code poll()} for at most
 * {@value #POLL_MILLIS} ms at a time and looks at the closed flag between waits, so
 * {@link #close()} from another thread ends a blocked read within that time (closing a
 * descriptor does not wake a thread already inside {@code read()} on Linux).
 *
 * <p>Thread-safe: one thread reads at a time, writes are serialized, close is idempotent and
 * never waits (the descriptor itself is closed by the last read or write still using it).
 * Requires 64-bit Linux and {@code CAP_NET_ADMIN}.
 */
public final class LinuxTun implements FrameDevice {

    /** The longest wait in {@code poll()} before a reader looks at the closed flag again. */
    static final int POLL_MILLIS = 100;

    /** Room for the largest packet a TUN or TAP can hand over (64 KiB plus a link header). */
    private static final int BUFFER_BYTES = 65_536 + 64;

    private static final String TUN_PATH = "/dev/net/tun";

    private final LibC libc;
    private final int fd;
    private final String name;
    private final DeviceKind kind;
    private volatile int mtu;
    private volatile boolean closed;

    /**
     * INVARIANT: {@code fd} is open while any holder of the read lock uses it; once
     * {@code closed} is set, whoever next finds the lock free closes it.
     */
    private final ReentrantReadWriteLock fdLock = new ReentrantReadWriteLock();
    /** Guarded by the write lock of {@code fdLock}. */
    private boolean fdClosed;
    private final Object readMonitor = new Object();
    private final Object writeMonitor = new Object();
    private final Memory readBuffer = new Memory(BUFFER_BYTES);
    private final Memory writeBuffer = new Memory(BUFFER_BYTES);
    private final Memory pollFd = new Memory(LibC.POLLFD_SIZE);

    private LinuxTun(LibC libc, int fd, String name, DeviceKind kind, int mtu) {
        this.libc = libc;
        this.fd = fd;
        this.name = name;
        this.kind = kind;
        this.mtu = mtu;
    }

    /**
     * Creates the interface {@code name} (or, if {@code name} is empty or holds {@code %d}, one
     * the kernel names, such as {@code tap0}) and opens it. The link starts down.
     *
     * @throws IllegalArgumentException if {@code name} is longer than 15 bytes or not plain ASCII
     * @throws TunException if {@code /dev/net/tun} cannot be opened or the kernel refuses the
     *         interface; the message says why
     */
    public static LinuxTun open(String name, DeviceKind kind) throws TunException {
        byte[] nameBytes = checkName(name);
        LibC libc = libc();
        int fd = libc.open(TUN_PATH, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw error(libc, "cannot open " + TUN_PATH);
        }
        Memory ifr = ifreq(nameBytes);
        ifr.setShort(LibC.IFR_FLAGS, (short) (kind.iffFlag() | LibC.IFF_NO_PI));
        if (libc.ioctl(fd, LibC.TUNSETIFF, ifr) < 0) {
            TunException e = error(libc, "cannot create " + kind + " '" + name + "' (TUNSETIFF)");
            libc.close(fd);
            throw e;
        }
        String actual = ifr.getString(0, StandardCharsets.US_ASCII.name());
        LinuxTun tun = new LinuxTun(libc, fd, actual, kind, 1500);
        tun.mtu = tun.readMtu();
        return tun;
    }

    private static LibC libc() throws TunException {
        try {
            return Holder.LIBC;
        } catch (LinkageError e) {
            throw new TunException("cannot load the C library through JNA: " + e.getMessage(), 0);
        }
    }

    /** Loads libc on first use, so that merely naming this class on another OS does not fail. */
    private static final class Holder {
        static final LibC LIBC = LibC.load();
    }

    private static byte[] checkName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= LibC.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name longer than 15 bytes: " + name);
        }
        for (byte b : bytes) {
            if (b <= ' ' || b >= 0x7f || b == '/' || b == ':') {
                throw new IllegalArgumentException("interface name must be printable ASCII without '/', ':' or spaces: " + name);
            }
        }
        return bytes;
    }

    private static Memory ifreq(byte[] nameBytes) {
        Memory ifr = new Memory(LibC.IFREQ_SIZE);
        ifr.clear();
        ifr.write(0, nameBytes, 0, nameBytes.length);
        return ifr;
    }

    private static TunException error(LibC libc, String what) {
        int errno = Native.getLastError();
        return TunException.of(what, errno, libc.strerror(errno));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeviceKind kind() {
        return kind;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Sets {@code IFF_UP} on the interface, as {@code ip link set <name> up} does. */
    public void up() throws TunException {
        withInetSocket("bring up " + name, (sock, ifr) -> {
            if (libc.ioctl(sock, LibC.SIOCGIFFLAGS, ifr) < 0) {
                return false;
            }
            ifr.setShort(LibC.IFR_FLAGS, (short) (ifr.getShort(LibC.IFR_FLAGS) | LibC.IFF_UP));
            return libc.ioctl(sock, LibC.SIOCSIFFLAGS, ifr) >= 0;
        });
    }

    /** Sets the interface's MTU, as {@code ip link set <name> mtu <mtu>} does. */
    public void setMtu(int newMtu) throws TunException {
        if (newMtu < 68 || newMtu > 65_535) {
            throw new IllegalArgumentException("MTU out of range 68..65535: " + newMtu);
        }
        withInetSocket("set the MTU of " + name + " to " + newMtu, (sock, ifr) -> {
            ifr.setInt(LibC.IFR_MTU, newMtu);
            return libc.ioctl(sock, LibC.SIOCSIFMTU, ifr) >= 0;
        });
        mtu = newMtu;
    }

    private int readMtu() throws TunException {
        int[] result = {mtu};
        withInetSocket("read the MTU of " + name, (sock, ifr) -> {
            if (libc.ioctl(sock, LibC.SIOCGIFMTU, ifr) < 0) {
                return false;
            }
            result[0] = ifr.getInt(LibC.IFR_MTU);
            return true;
        });
        return result[0];
    }

    /** An interface ioctl: the {@code SIOC*IF*} calls go to any socket, not to the tun fd. */
    private interface IfIoctl {
        boolean apply(int sock, Memory ifr);
    }

    private void withInetSocket(String what, IfIoctl call) throws TunException {
        int sock = libc.socket(LibC.AF_INET, LibC.SOCK_DGRAM, 0);
        if (sock < 0) {
            throw error(libc, "cannot " + what + " (socket)");
        }
        try {
            if (!call.apply(sock, ifreq(name.getBytes(StandardCharsets.US_ASCII)))) {
                throw error(libc, "cannot " + what);
            }
        } finally {
            libc.close(sock);
        }
    }

    @Override
    public int read(byte[] buffer) throws TunException {
        synchronized (readMonitor) {
            while (true) {
                if (closed) {
                    releaseFd();
                    return -1;
                }
                fdLock.readLock().lock();
                try {
                    if (closed) {
                        continue;
                    }
                    pollFd.setInt(0, fd);
                    pollFd.setShort(LibC.POLLFD_EVENTS, LibC.POLLIN);
                    pollFd.setShort(LibC.POLLFD_REVENTS, (short) 0);
                    int ready = libc.poll(pollFd, 1, POLL_MILLIS);
                    if (ready < 0 && Native.getLastError() != LibC.EINTR) {
                        throw error(libc, "cannot poll " + name);
                    }
                    if (ready <= 0) {
                        continue;
                    }
                    long n = libc.read(fd, readBuffer, BUFFER_BYTES);
                    if (n < 0) {
                        int errno = Native.getLastError();
                        if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                            continue;
                        }
                        throw TunException.of("cannot read from " + name, errno, libc.strerror(errno));
                    }
                    int copied = (int) Math.min(n, buffer.length);
                    readBuffer.read(0, buffer, 0, copied);
                    return copied;
                } finally {
                    unlockFd();
                }
            }
        }
    }

    @Override
    public void write(byte[] frame, int offset, int length) throws TunException {
        if (length < 0 || length > BUFFER_BYTES) {
            throw new TunException("frame of " + length + " bytes does not fit " + name, 0);
        }
        synchronized (writeMonitor) {
            fdLock.readLock().lock();
            try {
                if (closed) {
                    throw new TunException(name + " is closed", 0);
                }
                writeBuffer.write(0, frame, offset, length);
                if (libc.write(fd, writeBuffer, length) < 0) {
                    throw error(libc, "cannot write to " + name);
                }
            } finally {
                unlockFd();
            }
        }
    }

    /**
     * Marks the device closed and closes the descriptor now if no read or write is using it;
     * otherwise the last one to finish closes it. Never waits.
     */
    @Override
    public void close() {
        closed = true;
        releaseFd();
    }

    private void unlockFd() {
        fdLock.readLock().unlock();
        if (closed) {
            releaseFd();
        }
    }

    /** Closes the descriptor unless it is in use (whoever uses it then closes it) or closed. */
    private void releaseFd() {
        if (!fdLock.writeLock().tryLock()) {
            return;
        }
        try {
            if (!fdClosed) {
                fdClosed = true;
                libc.close(fd);
            }
        } finally {
            fdLock.writeLock().unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
