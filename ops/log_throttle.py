import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Lets a message through once per interval (per logger and message), with a count of
    what it held back, so an outage (Redis down) is one line a minute, not one per request."""

    def __init__(self, seconds: int = 60, name: str = ""):
        super().__init__(name)
        self.seconds = seconds
        self._lock = threading.Lock()
        self._last: dict[tuple[str, str], float] = {}
        self._held: dict[tuple[str, str], int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.seconds:
                self._held[key] = self._held.get(key, 0) + 1
                return False
            self._last[key] = now
            held = self._held.pop(key, 0)
        if held:
            record.msg = f"{record.msg} ({held} more in the last {self.seconds} s)"
        return True
