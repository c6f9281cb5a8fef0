"""A TCP proxy in front of PostgreSQL that a test can cut and restore: a real outage."""

from __future__ import annotations

import contextlib
import socket
import threading


class Proxy:
    """Forwards 127.0.0.1:<port> to ``target``; ``down()`` drops every connection and
    refuses new ones until ``up()``; ``partition()`` silently drops every packet (the
    connections stay open, nothing gets through, as when a network link dies) until
    ``heal()``."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = _free_port()
        self._server: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self.dropping = threading.Event()
        self.up()

    def partition(self) -> None:
        """Nothing gets through any more, and nothing says so."""
        self.dropping.set()

    def heal(self) -> None:
        """Packets flow again (on new connections; the old ones stay broken)."""
        self.dropping.clear()

    def up(self) -> None:
        server = socket.create_server(("127.0.0.1", self.port))
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def down(self) -> None:
        server, self._server = self._server, None
        if server:
            _close(server)  # shutdown() wakes the thread blocked in accept()
        with self._lock:
            for conn in self._conns:
                _close(conn)
            self._conns.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            if self.dropping.is_set():  # the handshake works, then silence
                with self._lock:
                    self._conns.append(client)
                threading.Thread(target=_swallow, args=(client,), daemon=True).start()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(a, b, self.dropping), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket, dropping: threading.Event) -> None:
    broken = False
    try:
        while data := source.recv(65536):
            broken = broken or dropping.is_set()
            if not broken:
                sink.sendall(data)
    except OSError:
        pass
    finally:
        _close(source)
        _close(sink)


def _swallow(sock: socket.socket) -> None:
    try:
        while sock.recv(65536):
            pass
    except OSError:
        pass


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
