"""A bounded, checking HTTP/1.1 load generator and a real-server launcher.

The client is asyncio over raw sockets with its own strict response parser,
so it sees the bytes the server sent: every header line must be a well-formed
``name: value`` without a stray CR or LF, ``Content-Length`` must agree with
the body, and chunked bodies are decoded and checked.  It sends exactly
``total`` requests over ``concurrency`` connections (reconnecting when the
server closes one, as gunicorn's sync worker does after every response) and
gives up after ``time_limit`` seconds.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")
_STATUS = re.compile(rb"HTTP/1\.([01]) (\d{3})(?: [^\r\n]*)?\Z")


#: Lines the stress tests report; tests/conftest.py prints them at the end of the run.
REPORT: list[str] = []


class ProtocolError(Exception):
    """The server sent bytes that are not a well-formed HTTP/1.1 response."""


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]  # (lower-case name, value) in wire order
    body: bytes
    chunked: bool
    keep_alive: bool

    def get_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name]

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return values[0] if values else None


async def _read_line(reader: asyncio.StreamReader) -> bytes:
    line = await reader.readuntil(b"\r\n")
    line = line[:-2]
    if b"\r" in line or b"\n" in line or b"\x00" in line:
        raise ProtocolError(f"stray CR, LF or NUL in line {line[:80]!r}")
    return line


async def read_reply(reader: asyncio.StreamReader, method: str = "GET") -> Reply:
    m = _STATUS.match(await _read_line(reader))
    if m is None:
        raise ProtocolError("malformed status line")
    minor, status = m.group(1), int(m.group(2))
    headers: list[tuple[str, str]] = []
    while True:
        line = await _read_line(reader)
        if not line:
            break
        name, sep, value = line.partition(b":")
        if not sep or not _TOKEN.match(name):
            raise ProtocolError(f"malformed header line {line[:80]!r}")
        headers.append((name.decode("ascii").lower(), value.strip(b" \t").decode("latin-1")))
    names = [k for k, _ in headers]
    connection = ",".join(v for k, v in headers if k == "connection").lower()
    keep_alive = ("close" not in connection) and (minor == b"1" or "keep-alive" in connection)
    te = ",".join(v for k, v in headers if k == "transfer-encoding").lower()
    chunked = "chunked" in te
    lengths = {v for k, v in headers if k == "content-length"}
    if len(lengths) > 1:
        raise ProtocolError(f"conflicting Content-Length headers {lengths}")
    if chunked and lengths:
        raise ProtocolError("both Transfer-Encoding: chunked and Content-Length")
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        body = b""
    elif chunked:
        parts = []
        while True:
            size_line = await _read_line(reader)
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                while await _read_line(reader):  # trailers
                    pass
                break
            parts.append(await reader.readexactly(size))
            if await reader.readexactly(2) != b"\r\n":
                raise ProtocolError("chunk not followed by CRLF")
        body = b"".join(parts)
    elif lengths:
        (length,) = lengths
        if not length.isdigit():
            raise ProtocolError(f"bad Content-Length {length!r}")
        body = await reader.readexactly(int(length))
    else:
        body = await reader.read()
        keep_alive = False
    if "content-length" in names and int(lengths.pop()) != len(body):
        raise ProtocolError("Content-Length disagrees with the body")
    return Reply(status, headers, body, chunked, keep_alive)


@dataclass
class LoadResult:
    sent: int = 0
    ok: int = 0
    errors: int = 0
    mismatches: int = 0
    seconds: float = 0.0
    per_route: dict[str, int] = field(default_factory=dict)  # checked replies
    failed_route: dict[str, int] = field(default_factory=dict)  # errors and mismatches
    samples: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def note(self, text: str) -> None:
        if len(self.samples) < 10:
            self.samples.append(text)


async def _worker(host, port, paths, check, counter, total, result, deadline):
    reader = writer = None
    try:
        while True:
            i = counter[0]
            if i >= total or time.monotonic() > deadline:
                return
            counter[0] = i + 1
            path = paths[i % len(paths)]
            result.sent += 1
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
                reply = await asyncio.wait_for(read_reply(reader), 30)
            except (
                OSError,
                asyncio.IncompleteReadError,
                asyncio.LimitOverrunError,
                asyncio.TimeoutError,
                ProtocolError,
                ValueError,
            ) as exc:
                result.errors += 1
                result.failed_route[path] = result.failed_route.get(path, 0) + 1
                result.note(f"{path}: {type(exc).__name__}: {exc}")
                if writer is not None:
                    writer.close()
                reader = writer = None
                continue
            problem = check(path, reply)
            if problem:
                result.mismatches += 1
                result.failed_route[path] = result.failed_route.get(path, 0) + 1
                result.note(f"{path}: {problem}")
            else:
                result.ok += 1
                result.per_route[path] = result.per_route.get(path, 0) + 1
            if not reply.keep_alive:
                writer.close()
                reader = writer = None
    finally:
        if writer is not None:
            writer.close()


def run_load(host, port, paths, check, total, concurrency, time_limit) -> LoadResult:
    """Send *total* GETs cycling through *paths*; *check(path, reply)* returns a problem or None."""
    result = LoadResult()

    async def main() -> None:
        counter = [0]
        deadline = time.monotonic() + time_limit
        start = time.perf_counter()
        await asyncio.gather(
            *[_worker(host, port, paths, check, counter, total, result, deadline) for _ in range(concurrency)]
        )
        result.seconds = time.perf_counter() - start

    asyncio.run(main())
    return result


def fetch_once(host: str, port: int, path: str, timeout: float = 10) -> Reply:
    async def main() -> Reply:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            return await asyncio.wait_for(read_reply(reader), timeout)
        finally:
            writer.close()

    return asyncio.run(main())


# ------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(name: str, port: int, app: str = "loadapp:app") -> list[str]:
    py = sys.executable
    bind = f"127.0.0.1:{port}"
    if name == "gunicorn-sync":
        return [
            py,
            "-m",
            "gunicorn",
            "-k",
            "sync",
            "-w",
            "2",
            "-b",
            bind,
            "--backlog",
            "256",
            "--log-level",
            "warning",
            app,
        ]
    if name == "gunicorn-gthread":
        return [
            py,
            "-m",
            "gunicorn",
            "-k",
            "gthread",
            "-w",
            "2",
            "--threads",
            "8",
            "-b",
            bind,
            "--log-level",
            "warning",
            app,
        ]
    if name == "waitress":
        return [py, "-m", "waitress", f"--listen={bind}", "--threads=8", "--connection-limit=200", app]
    if name == "granian":
        return [
            py,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--log-level",
            "warning",
            app,
        ]
    raise ValueError(name)


class Server:
    """One real server process serving *app* (``module:attribute`` in
    *app_dir*, by default ``loadapp:app`` here), started and stopped here.
    The app reads *kind* from ``FASTRES_STRESS_RESPONSE``."""

    def __init__(
        self,
        name: str,
        kind: str,
        log_path: str,
        app: str = "loadapp:app",
        app_dir: str | None = None,
        ready_path: str = "/text",
    ) -> None:
        self.name, self.kind = name, kind
        self.ready_path = ready_path
        self.port = free_port()
        env = dict(os.environ)
        env["FASTRES_STRESS_RESPONSE"] = kind
        here = app_dir or os.path.dirname(os.path.abspath(__file__))
        env["PYTHONPATH"] = here
        self.log = open(log_path, "wb")
        # cwd is this folder, never the checkout: servers put their cwd on
        # sys.path, and ./fastres there is the source tree without the build.
        self.proc = subprocess.Popen(
            server_command(name, self.port, app),
            env=env,
            cwd=here,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}")
            try:
                if fetch_once("127.0.0.1", self.port, self.ready_path, timeout=2).status == 200:
                    return
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ProtocolError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {timeout}s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log.close()

    def __enter__(self) -> Server:
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
