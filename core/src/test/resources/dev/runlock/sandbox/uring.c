/*
 * Runs inside the sandbox: creates an MPTCP socket with an io_uring IORING_OP_SOCKET request,
 * whose protocol lies in memory shared with the kernel, out of seccomp's reach, binds it to the
 * port given as argument, and prints "label=OK" or "label=<errno name>" as ops.py does.
 * No liburing: the rings are mapped by hand.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPTCP 262

static long report(const char *label, long result) {
    printf("%s=%s\n", label, result < 0 ? strerrorname_np(errno) : "OK");
    return result;
}

/* The socket one IORING_OP_SOCKET request creates, or -1 with errno set. */
static long uring_socket(int ring, const struct io_uring_params *p, int protocol) {
    char *sq = mmap(NULL, p->sq_off.array + p->sq_entries * sizeof(unsigned), PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
    char *cq = mmap(NULL, p->cq_off.cqes + p->cq_entries * sizeof(struct io_uring_cqe), PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_CQ_RING);
    struct io_uring_sqe *sqes = mmap(NULL, p->sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
                                     MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
    if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
        return -1;
    }
    unsigned *tail = (unsigned *) (sq + p->sq_off.tail);
    unsigned slot = *tail & *(unsigned *) (sq + p->sq_off.ring_mask);
    memset(&sqes[slot], 0, sizeof sqes[slot]);
    sqes[slot].opcode = IORING_OP_SOCKET;
    sqes[slot].fd = AF_INET;
    sqes[slot].off = SOCK_STREAM;
    sqes[slot].len = protocol;
    ((unsigned *) (sq + p->sq_off.array))[slot] = slot;
    __atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
    if (syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0) {
        return -1;
    }
    unsigned head = __atomic_load_n((unsigned *) (cq + p->cq_off.head), __ATOMIC_ACQUIRE);
    struct io_uring_cqe *cqe = (struct io_uring_cqe *) (cq + p->cq_off.cqes)
            + (head & *(unsigned *) (cq + p->cq_off.ring_mask));
    if (cqe->res < 0) {
        errno = -cqe->res;
        return -1;
    }
    return cqe->res;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        return 2;
    }
    struct io_uring_params params;
    memset(&params, 0, sizeof params);
    long ring = report("uring-setup", syscall(__NR_io_uring_setup, 4, &params));
    if (ring < 0) {
        return 0;
    }
    long mptcp = report("uring-mptcp", uring_socket(ring, &params, MPTCP));
    if (mptcp >= 0) {
        struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        report("uring-mptcp-bind", bind(mptcp, (struct sockaddr *) &address, sizeof address));
    }
    return 0;
}
