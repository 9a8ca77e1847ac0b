# Runs inside the sandbox: performs each operation "label|kind|operand..." given as an argument
# and prints "label=OK" or "label=<errno name>", so a test can tell Landlock's EACCES from EXDEV,
# EPERM or a driver's ENOTTY.
import errno, fcntl, os, socket, stat, subprocess, sys, termios

IPPROTO_MPTCP = 262


def tcp(protocol=0):
    return socket.socket(socket.AF_INET, socket.SOCK_STREAM, protocol)


def unix_connect(address):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(address)


def unix_socketpair():
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    a.sendall(b"x")
    assert b.recv(1) == b"x"
    a.close()
    b.close()


def ioctl_tcgets(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.ioctl(fd, termios.TCGETS, bytes(64))
    finally:
        os.close(fd)


def udp_send(port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"x", ("127.0.0.1", port))


OPS = {
    "read": lambda p: open(p, "rb").close(),
    "write": lambda p: os.close(os.open(p, os.O_WRONLY)),
    "exec": lambda p: subprocess.run([p], close_fds=False, check=False),
    "readdir": os.listdir,
    "rmdir": os.rmdir,
    "unlink": os.unlink,
    "mkdir": os.mkdir,
    "mkreg": lambda p: os.mknod(p, stat.S_IFREG | 0o600),
    "mkchar": lambda p: os.mknod(p, stat.S_IFCHR | 0o600, os.makedev(1, 3)),
    "mkblock": lambda p: os.mknod(p, stat.S_IFBLK | 0o600, os.makedev(7, 0)),
    "mkfifo": os.mkfifo,
    "mksock": lambda p: socket.socket(socket.AF_UNIX).bind(p),
    "symlink": lambda p: os.symlink("target", p),
    "rename": os.rename,
    "truncate": lambda p: os.truncate(p, 0),
    "ioctl": ioctl_tcgets,
    "tcp-bind": lambda port: tcp().bind(("127.0.0.1", int(port))),
    "tcp-connect": lambda port: tcp().connect(("127.0.0.1", int(port))),
    "mptcp-socket": lambda: tcp(IPPROTO_MPTCP).close(),
    "udp-bind": lambda port: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(("127.0.0.1", int(port))),
    "udp-send": lambda port: udp_send(int(port)),
    "kill": lambda pid: os.kill(int(pid), 0),
    "abstract-connect": lambda name: unix_connect("\0" + name),
    "unix-connect": unix_connect,
    "unix-socketpair": unix_socketpair,
}

for spec in sys.argv[1:]:
    label, kind, *operands = spec.split("|")
    try:
        OPS[kind](*operands)
        result = "OK"
    except OSError as e:
        result = errno.errorcode.get(e.errno, str(e.errno))
    print(f"{label}={result}", flush=True)
