"""Benchmark-only middleware: how long the app spent on a request, sent back in `Server-Timing`.

Outermost in the bench settings, so it covers every middleware and the view. `app` is wall time,
`cpu` the request thread's own CPU time: on a machine shared with other work, `cpu` is much less
disturbed than wall time (it does not count time spent waiting for a core or for the database).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wall, cpu = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        response["Server-Timing"] = f"app;dur={wall * 1000:.2f}, cpu;dur={cpu * 1000:.2f}"
        return response
