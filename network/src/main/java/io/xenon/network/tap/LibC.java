package io.xenon.network.tap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls and Linux constants {@link LinuxTun} uses, with the x86_64 and arm64 Linux
 * types ({@code size_t}, {@code ssize_t}, {@code unsigned long} and {@code nfds_t} are 64-bit
 * there). Constants are from {@code include/uapi/linux/if_tun.h}, {@code if.h},
 * {@code asm-generic/fcntl.h}, {@code poll.h} and {@code sockios.h}.
 */
interface LibC extends Library {

    int O_RDWR = 0x0002;
    int O_NONBLOCK = 0x0800;
    int O_CLOEXEC = 0x80000;

    int EINTR = 4;
    int EAGAIN = 11;

    short POLLIN = 0x0001;
    short POLLOUT = 0x0004;

    int AF_INET = 2;
    int SOCK_DGRAM = 2;

    long TUNSETIFF = 0x400454caL;
    long SIOCGIFFLAGS = 0x8913;
    long SIOCSIFFLAGS = 0x8914;
    long SIOCGIFMTU = 0x8921;
    long SIOCSIFMTU = 0x8922;

    short IFF_UP = 0x0001;
    short IFF_NO_PI = 0x1000;

    /*
     * struct ifreq {                    // 40 bytes on 64-bit Linux
     *     char ifr_name[IFNAMSIZ];      //  0: 16 bytes, NUL-terminated
     *     union {
     *         short ifr_flags;          // 16
     *         int   ifr_mtu;            // 16
     *         ...                       // the largest member (struct ifmap) makes it 24
     *     };
     * };
     */
    int IFNAMSIZ = 16;
    int IFREQ_SIZE = 40;
    int IFR_FLAGS = 16;
    int IFR_MTU = 16;

    /*
     * struct pollfd {                   // 8 bytes
     *     int   fd;                     // 0
     *     short events;                 // 4
     *     short revents;                // 6
     * };
     */
    int POLLFD_SIZE = 8;
    int POLLFD_EVENTS = 4;
    int POLLFD_REVENTS = 6;

    /** The C library, loaded once. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }

    int open(String path, int flags);

    int ioctl(int fd, long request, Pointer arg);

    long read(int fd, Pointer buf, long count);

    long write(int fd, Pointer buf, long count);

    int poll(Pointer fds, long nfds, int timeoutMillis);

    int socket(int domain, int type, int protocol);

    int close(int fd);

    String strerror(int errnum);
}
