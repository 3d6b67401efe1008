"""A real `clamd` for the tests, on a unix socket of its own, with a database of one signature:
the EICAR test string (no signature database can be downloaded here; clamd loads whatever its
folder holds). `stopped()` takes it down and brings it back, for the fail-closed tests."""

import socket
import subprocess
import time
from contextlib import contextmanager

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Guichet.Test.EICAR"


class Clamd:
    def __init__(self, folder):
        self.folder = folder
        self.socket_path = folder / "clamd.sock"
        self.url = f"unix://{self.socket_path}"
        database = folder / "database"
        database.mkdir()
        # an .ndb body signature: any file (target 0) holding these bytes anywhere (*)
        (database / "guichet-test.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")
        self.config = folder / "clamd.conf"
        self.config.write_text(
            f"LocalSocket {self.socket_path}\nDatabaseDirectory {database}\n"
            f"LogFile {folder / 'clamd.log'}\nForeground yes\nStreamMaxLength 30M\n")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(["clamd", "--config-file", str(self.config)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while not self._pong():
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "clamd.log")
                raise AssertionError("clamd did not start:\n"
                                     + (log.read_text() if log.exists() else ""))
            time.sleep(0.05)

    def _pong(self):
        try:
            with socket.socket(socket.AF_UNIX) as connection:
                connection.settimeout(1)
                connection.connect(str(self.socket_path))
                connection.sendall(b"zPING\0")
                return connection.recv(16) == b"PONG\0"
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    @contextmanager
    def stopped(self):
        self.stop()
        try:
            yield
        finally:
            self.start()
