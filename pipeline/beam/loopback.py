"""Beam's Python servers on loopback: a local run listens on 127.0.0.1 and ::1 only.

Beam's Python SDK binds every gRPC server it starts to all interfaces (`[::]:PORT`): the
embedded job and artifact service of the portable runner, the control, data, state and logging
servers of the FnApiRunner (`direct` with workers, `portable`), and the SDK worker pool, whose
workers run whatever pickled code they are sent. Each of them then hands its clients the
address `localhost:PORT`, so nothing outside this machine needs to reach them.
`bind_loopback()` makes every gRPC server created afterwards in this process bind such a
wildcard address as `localhost:PORT` instead; `python -m pipeline.beam.loopback --service_port=N
--container_executable=BOOT` is Beam's worker pool with the same change, started by
`pipeline.beam.engines.worker_pool`. What the Java job servers and Prism open: docs/runners.md.
"""

from __future__ import annotations

import sys

WILDCARDS = ("[::]", "0.0.0.0", "")


def loopback_address(address: str) -> str:
    """`[::]:PORT` (or `0.0.0.0:PORT`, `:PORT`) as `localhost:PORT`; any other address as is."""
    host, _, port = address.rpartition(":")
    return f"localhost:{port}" if host in WILDCARDS else address


def bind_loopback() -> None:
    """Every `grpc.server` made from now on in this process binds wildcards to loopback."""
    import grpc

    make = grpc.server
    if getattr(make, "schoon_loopback", False):
        return

    def server(*args, **kwargs):
        made = make(*args, **kwargs)
        add = made.add_insecure_port
        made.add_insecure_port = lambda address: add(loopback_address(address))
        return made

    server.schoon_loopback = True
    grpc.server = server


def serve_worker_pool(argv: list[str]) -> None:
    """Beam's SDK worker pool (`worker_pool_main`), on loopback."""
    bind_loopback()
    from apache_beam.runners.worker import worker_pool_main

    worker_pool_main.main(argv)


if __name__ == "__main__":
    serve_worker_pool(sys.argv)
