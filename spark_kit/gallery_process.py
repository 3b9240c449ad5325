"""The gallery server as a child process: start it, wait for it, stop it with its kernels.

Used by the browser tests and the benchmarks, and useful for a smoke test on the laptop
before a meetup. Also names the system Chromium and the flags it runs with here (no
Playwright browser download; no background traffic on a closed network).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from spark_kit.serve import HEALTH_PATH

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port(host: str = "0.0.0.0") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def spark_kit_command(*args: str) -> list[str]:
    """The ``spark-kit`` command of this interpreter's environment."""
    return [sys.executable, "-m", "spark_kit.cli", *args]


class GalleryNotReady(RuntimeError):
    pass


@dataclass
class GalleryProcess:
    """A running server and what it printed (stdout and stderr, one file)."""

    process: subprocess.Popen
    port: int
    log_path: Path
    host: str = "127.0.0.1"
    token: str = ""
    kernels: set[int] = field(default_factory=set)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/", token: bool = False) -> str:
        query = f"?token={self.token}" if token and self.token else ""
        return f"{self.base_url}{path}{query}"

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_until_healthy(self, timeout: float = 60.0) -> None:
        """Poll the health check (with the token, once printed) until it answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise GalleryNotReady(
                    f"the server exited with status {self.process.returncode}:\n{self.output()}"
                )
            found = re.search(r"\?token=([A-Za-z0-9_\-]+)", self.output())
            if found and not self.token:
                self.token = found.group(1)
            try:
                with urllib.request.urlopen(self.url(HEALTH_PATH, token=True), timeout=2) as reply:
                    if reply.status == 200:
                        self.remember_kernels()
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        self.stop()
        raise GalleryNotReady(f"no answer from {HEALTH_PATH} in {timeout:.0f} s:\n{self.output()}")

    def remember_kernels(self) -> None:
        """Note the server's kernels: they run in sessions of their own (jupyter_client)."""
        with contextlib.suppress(psutil.NoSuchProcess):
            children = psutil.Process(self.process.pid).children(recursive=True)
            self.kernels.update(child.pid for child in children)

    def memory(self) -> tuple[float, int, float]:
        """RSS of the server (MiB), the number of its kernels and their RSS together (MiB)."""
        server = psutil.Process(self.process.pid)
        kernels = server.children(recursive=True)
        kernel_rss = 0
        for kernel in kernels:
            with contextlib.suppress(psutil.NoSuchProcess):
                kernel_rss += kernel.memory_info().rss
        return server.memory_info().rss / 2**20, len(kernels), kernel_rss / 2**20

    def stop(self) -> None:
        """SIGTERM the server's process group (Voilà then shuts its kernels down), then make
        sure that the server and every kernel it started are gone."""
        self.remember_kernels()
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        for pid in self.kernels:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.TimeoutExpired):
                kernel = psutil.Process(pid)
                kernel.kill()
                kernel.wait(timeout=5)


def launch_gallery(command: list[str], port: int, log_path: Path) -> GalleryProcess:
    """Run ``command`` (a server listening on ``port``) in its own process group, in the
    default language whatever the shell says, logging to ``log_path``."""
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONUNBUFFERED="1")
    env.pop("SPARK_KIT_LANG", None)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    return GalleryProcess(process=process, port=port, log_path=log_path)
