"""A private PostgreSQL cluster on a loopback port, for tests and benchmarks that stop it.

The machine's shared PostgreSQL server is never touched: this starts a throwaway cluster
(initdb + pg_ctl from Debian's /usr/lib/postgresql/<version>/bin, or ``PG_BIN``) in a temporary
directory, listening on 127.0.0.1 only with trust authentication, and removes it afterwards.
Durability settings stay at their defaults (fsync and synchronous_commit on): whoever restarts
it wants to know what survives a restart.

PostgreSQL refuses to run as root; as root the cluster runs as the ``postgres`` OS user (via
runuser or setpriv), as any other user it runs as that user.

    with private_postgres.cluster() as pg:
        url = pg.create_database("hogeland")
        ...
        pg.restart("immediate")   # a crash: no shutdown checkpoint, recovery at start

A cluster's port is reserved for as long as the block runs (``reserved_port``), restarts
included. A check for a port nobody listens on is not enough: two callers at once (tests on two
pytest-xdist workers, a benchmark) both get the same port, and while a cluster restarts nothing
listens on its port, so another caller's cluster could take it there, the restart then failing
with "Address already in use" and the site's connections reaching the other cluster.
"""

import contextlib
import fcntl
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

# Below Linux's ephemeral range (32768-60999 by default), which bind() to port 0 and every
# outgoing connection draw from: there a port that is free for a moment (its cluster
# restarting) can be taken by any process on the machine, reservation or not.
PORTS = range(25400, 25500)
# One lock file per port, shared by every process on the machine that reserves ports here.
LOCKS = Path(tempfile.gettempdir()) / "hogeland-ports"
SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{socket_dir}'
max_connections = 100
shared_buffers = 32MB
fsync = on
synchronous_commit = on
full_page_writes = on
logging_collector = off
log_min_messages = warning
"""
HBA = """
local all all trust
host all all 127.0.0.1/32 trust
"""


class Unavailable(RuntimeError):
    """No way to run a private cluster here (no binaries, or root without a postgres user)."""


def bin_dir() -> Path:
    if configured := os.environ.get("PG_BIN"):
        if not (Path(configured) / "initdb").exists():
            raise Unavailable(f"PG_BIN={configured} has no initdb")
        return Path(configured)
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    raise Unavailable("initdb not found (Debian package postgresql, or set PG_BIN)")


def _run_as() -> tuple[list[str], int | None, int | None]:
    """The command prefix that runs a program as the cluster's owner, and that owner's ids."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        raise Unavailable("running as root and there is no postgres OS user") from None
    if runuser := shutil.which("runuser"):
        return [runuser, "-u", "postgres", "--"], owner.pw_uid, owner.pw_gid
    if setpriv := shutil.which("setpriv"):
        return (
            [setpriv, f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--init-groups"],
            owner.pw_uid,
            owner.pw_gid,
        )
    raise Unavailable("running as root without runuser or setpriv to become postgres")


def check() -> None:
    """Raise Unavailable, with the reason, when no private cluster can be started here."""
    _run_as()
    bin_dir()


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _lock_dir() -> Path:
    if not LOCKS.is_dir():
        with contextlib.suppress(FileExistsError):
            LOCKS.mkdir()
            # Any user's tests and benchmarks reserve in the same place (as /tmp: sticky).
            LOCKS.chmod(0o1777)
    return LOCKS


@contextlib.contextmanager
def reserved_port(ports: range = PORTS):
    """A port of ``ports`` that nothing listens on and no other reservation holds, held until
    the block ends, whether or not anything listens on it meanwhile.

    The reservation is an exclusive lock (flock) on the port's file in ``LOCKS``: every process
    that reserves through here skips it, and it ends with the block or with the process, however
    that ends (no stale reservations after a crash)."""
    directory = _lock_dir()
    for port in ports:
        # Read-only: a lock file another user made is still ours to lock.
        fd = os.open(directory / f"{port}.lock", os.O_RDONLY | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        if not _bindable(port):  # in use by something that does not reserve
            os.close(fd)
            continue
        try:
            yield port
        finally:
            os.close(fd)
        return
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


class Cluster:
    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / "data"
        self.log = directory / "postgres.log"
        self.bin = bin_dir()
        self.prefix, self.uid, self.gid = _run_as()

    def _pg(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(
            [*self.prefix, *args],
            cwd=self.directory,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
                f"\n{self.log_tail()}"
            )
        return done.stdout

    def log_tail(self, lines: int = 20) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        self._pg(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-instructions",
        )
        conf = SETTINGS.format(port=self.port, socket_dir=self.directory)
        with open(self.data / "postgresql.conf", "a") as out:
            out.write(conf)
        (self.data / "pg_hba.conf").write_text(HBA)

    def pg_ctl(self, *args: str) -> None:
        self._pg(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", *args)

    def start(self) -> None:
        self.pg_ctl("start")

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("stop", "-m", mode)

    def restart(self, mode: str = "fast") -> float:
        """Restart (``fast``: clean shutdown; ``immediate``: a crash, recovery at start);
        returns how long it took until the server accepted connections again."""
        started = time.monotonic()
        self.pg_ctl("restart", "-m", mode)
        return time.monotonic() - started

    def __str__(self) -> str:
        """Which cluster this is: its data directory, port and postmaster (for test reports)."""
        pid = "not running"
        with contextlib.suppress(OSError, IndexError):
            pid = (self.data / "postmaster.pid").read_text().splitlines()[0]
        return f"cluster {self.data} on 127.0.0.1:{self.port}, postmaster pid {pid}"

    def running(self) -> bool:
        with contextlib.suppress(RuntimeError):
            self._pg(str(self.bin / "pg_ctl"), "-D", str(self.data), "status")
            return True
        return False

    def create_database(self, name: str) -> str:
        self._pg(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
                 "postgres", name)  # fmt: skip
        return self.url(name)


@contextlib.contextmanager
def cluster(port: int | None = None):
    """A running private cluster on a port of ``PORTS`` (or ``port``), reserved for it until the
    block ends; stopped and removed when the block ends, whatever happens."""
    check()  # before anything is created
    _prefix, uid, gid = _run_as()
    with reserved_port(PORTS if port is None else range(port, port + 1)) as port:
        directory = Path(tempfile.mkdtemp(prefix="hogeland-pg-"))
        if uid is not None:
            os.chown(directory, uid, gid)
        directory.chmod(0o700)
        pg = Cluster(directory, port)
        try:
            pg.init()
            pg.start()
            yield pg
        finally:
            if (pg.data / "postmaster.pid").exists():
                with contextlib.suppress(Exception):
                    pg.stop("immediate")
            shutil.rmtree(directory, ignore_errors=True)
