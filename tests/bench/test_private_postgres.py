"""Port reservations for private clusters (bench/private_postgres.py): a cluster keeps its port
while it restarts, when nothing listens on it, against every other process that reserves."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import private_postgres  # noqa: E402

# Not PORTS: the clusters of tests running at the same time keep theirs.
PORTS = range(25380, 25390)
HOLD = """
import sys
sys.path.insert(0, "bench")
from pathlib import Path
import private_postgres
private_postgres.LOCKS = Path(sys.argv[1])
with private_postgres.reserved_port(range(int(sys.argv[2]), int(sys.argv[3]))) as port:
    print(port, flush=True)
    sys.stdin.read()  # held until the test closes our input
"""


def test_a_reserved_port_is_not_handed_out_again_while_nothing_listens_on_it(tmp_path, monkeypatch):
    monkeypatch.setattr(private_postgres, "LOCKS", tmp_path)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path), str(PORTS.start), str(PORTS.stop)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        held = int(other.stdout.readline())
        # Nothing listens on it (a cluster between stop and start): still not free for us.
        with private_postgres.reserved_port(PORTS) as mine:
            assert mine != held
            with private_postgres.reserved_port(PORTS) as again:
                assert again not in (held, mine)
    finally:
        other.stdin.close()
        other.wait(timeout=10)
    # The other process has ended: its reservation with it.
    with private_postgres.reserved_port(range(held, held + 1)) as port:
        assert port == held
