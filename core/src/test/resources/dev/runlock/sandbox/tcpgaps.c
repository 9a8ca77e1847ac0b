/*
 * Runs inside the sandbox: tries the ways around Landlock's TCP rights that runlock's seccomp
 * filter closes (MPTCP, SCTP, SMC) and TCP Fast Open (which Landlock checks itself), next to
 * plain TCP, and prints "label=OK" or
 * "label=<errno name>" as ops.py does. A label ending in "-" acts on a port the sandbox does not
 * grant; "+" on one it grants. Arguments: a listening TCP port the sandbox grants for connect,
 * one it does not, and a free port it does not grant for bind.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPTCP 262
#define SCTP 132
#define SMC 256
#define FAMILY_SMC 43

static long report(const char *label, long result) {
    printf("%s=%s\n", label, result < 0 ? strerrorname_np(errno) : "OK");
    return result;
}

static struct sockaddr_in loopback(int port) {
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

/* Direct syscalls, so that an i386 build reaches the compat numbers seccomp checks. */
static long socket_of(int family, int type, int protocol) {
    return syscall(SYS_socket, family, type, protocol);
}

static long connect_to(long fd, int port) {
    struct sockaddr_in address = loopback(port);
    return fd < 0 ? fd : syscall(SYS_connect, fd, &address, sizeof address);
}

static long bind_to(long fd, int port) {
    struct sockaddr_in address = loopback(port);
    return fd < 0 ? fd : syscall(SYS_bind, fd, &address, sizeof address);
}

static void try_socket(const char *label, int family, int type, int protocol, const char *then, int port,
                       long (*use)(long, int)) {
    long fd = report(label, socket_of(family, type, protocol));
    if (fd >= 0) {
        report(then, use(fd, port));
        close(fd);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        return 2;
    }
    int granted = atoi(argv[1]);
    int other = atoi(argv[2]);
    int unbound = atoi(argv[3]);
    struct sockaddr_in to = loopback(other);
    struct sockaddr_in to_granted = loopback(granted);
    char byte = 'x';
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    struct mmsghdr message = {.msg_hdr = {.msg_name = &to, .msg_namelen = sizeof to, .msg_iov = &iov, .msg_iovlen = 1}};

    long tcp = socket_of(AF_INET, SOCK_STREAM, 0);
    report("connect+", connect_to(tcp, granted));
    report("send+", syscall(SYS_sendto, tcp, &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT, NULL, 0));
    report("connect-", connect_to(socket_of(AF_INET, SOCK_STREAM, 0), other));
    report("fastopen-sendto+", syscall(SYS_sendto, socket_of(AF_INET, SOCK_STREAM, 0), &byte, 1, MSG_FASTOPEN,
                                       &to_granted, sizeof to_granted));
    report("fastopen-sendto-", syscall(SYS_sendto, socket_of(AF_INET, SOCK_STREAM, 0), &byte, 1, MSG_FASTOPEN,
                                       &to, sizeof to));
    report("fastopen-sendmsg-", syscall(SYS_sendmsg, socket_of(AF_INET, SOCK_STREAM, 0), &message.msg_hdr,
                                        MSG_FASTOPEN));
    report("fastopen-sendmmsg-", syscall(SYS_sendmmsg, socket_of(AF_INET, SOCK_STREAM, 0), &message, 1,
                                         MSG_FASTOPEN));
    try_socket("mptcp", AF_INET, SOCK_STREAM, MPTCP, "mptcp-connect-", other, connect_to);
    try_socket("sctp-stream", AF_INET, SOCK_STREAM, SCTP, "sctp-stream-bind-", unbound, bind_to);
    try_socket("sctp-seqpacket", AF_INET6, SOCK_SEQPACKET, 0, "sctp-seqpacket-bind-", unbound, bind_to);
    try_socket("smc", FAMILY_SMC, SOCK_STREAM, 0, "smc-connect-", other, connect_to);
    try_socket("smc-inet", AF_INET, SOCK_STREAM, SMC, "smc-inet-connect-", other, connect_to);
    return 0;
}
