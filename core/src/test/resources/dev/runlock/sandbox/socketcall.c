/*
 * Runs inside the sandbox as a 32-bit (i386) program: creates sockets through socketcall(2),
 * whose arguments lie in memory seccomp cannot read, and through the direct socket(2), binds
 * through socketcall, and prints "label=OK" or "label=<errno name>" as ops.py does.
 * Arguments: a TCP port the sandbox grants for bind, and one it does not.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/net.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPTCP 262

static long report(const char *label, long result) {
    printf("%s=%s\n", label, result < 0 ? strerrorname_np(errno) : "OK");
    return result;
}

static long socketcall_socket(int protocol) {
    unsigned long args[] = {AF_INET, SOCK_STREAM, protocol};
    return syscall(SYS_socketcall, SYS_SOCKET, args);
}

static struct sockaddr_in loopback(int port) {
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

static long socketcall_bind(long fd, int port) {
    struct sockaddr_in address = loopback(port);
    unsigned long args[] = {fd, (unsigned long) &address, sizeof address};
    return syscall(SYS_socketcall, SYS_BIND, args);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        return 2;
    }
    int granted = atoi(argv[1]);
    int other = atoi(argv[2]);
    long mptcp = report("socketcall-mptcp", socketcall_socket(MPTCP));
    if (mptcp >= 0) {
        report("socketcall-mptcp-bind-", socketcall_bind(mptcp, other));
        close(mptcp);
    }
    report("socket-mptcp", syscall(SYS_socket, AF_INET, SOCK_STREAM, MPTCP));
    report("bind+", socketcall_bind(syscall(SYS_socket, AF_INET, SOCK_STREAM, 0), granted));
    report("bind-", socketcall_bind(syscall(SYS_socket, AF_INET, SOCK_STREAM, 0), other));
    return 0;
}
