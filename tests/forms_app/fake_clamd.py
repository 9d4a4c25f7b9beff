"""A small clamd on 127.0.0.1 that speaks INSTREAM, so ClamdScanner is tested over real TCP.

Modes: "ok" answers like clamd ("stream: OK", or "... FOUND" when the EICAR test string is in
the stream), "close" hangs up without answering, "hang" reads the stream and never answers,
"error" answers "... ERROR".
"""

from __future__ import annotations

import socketserver
import struct
import threading

# Built from two halves so this source file itself does not trip a virus scanner.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        server: FakeClamd = self.server
        command = self._read_until(b"\0")
        if server.mode == "close":
            return
        if command != b"zINSTREAM":
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        found, chunks, size, tail = False, 0, 0, b""
        while True:
            header = self._read_exactly(4)
            if header is None:
                return
            (length,) = struct.unpack("!L", header)
            if length == 0:
                break
            chunk = self._read_exactly(length)
            if chunk is None:
                return
            chunks, size = chunks + 1, size + length
            # Keep a tail so a signature split over two chunks is still found.
            window = tail + chunk
            found = found or EICAR in window
            tail = window[-len(EICAR) :]
        server.received.append({"chunks": chunks, "size": size})
        if server.mode == "hang":
            server.stopping.wait()
            return
        if server.mode == "error":
            self.request.sendall(b"stream: Can't allocate memory ERROR\0")
        elif found:
            self.request.sendall(b"stream: Eicar-Signature FOUND\0")
        else:
            self.request.sendall(b"stream: OK\0")

    def _read_until(self, end: bytes) -> bytes:
        data = b""
        while not data.endswith(end):
            part = self.request.recv(1)
            if not part:
                break
            data += part
        return data.removesuffix(end)

    def _read_exactly(self, count: int) -> bytes | None:
        data = b""
        while len(data) < count:
            part = self.request.recv(count - len(data))
            if not part:
                return None
            data += part
        return data


class FakeClamd(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str = "ok"):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.received: list[dict] = []
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
