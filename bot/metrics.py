"""Prometheus metrics of a running bot (``/metrics``): counts and states, never an id or a text.

Every label is a fixed word (a kind of update, an error's class name); nothing a
person wrote or who they are can become a label. Each bot has its own registry, so
tests can run several side by side.

| metric | what it says |
|---|---|
| ``pathways_updates_total{kind}`` | updates handled: text, button, command, other |
| ``pathways_replies_total`` | messages sent to people |
| ``pathways_reply_seconds`` | from handling an update to its last reply sent (histogram) |
| ``pathways_degraded_replies_total`` | free text answered without the NLU (menu) |
| ``pathways_errors_total{kind}`` | errors caught by the error handler, by class name |
| ``pathways_nlu_up`` | 1 while the NLU process understands free text |
| ``pathways_nlu_restarts_total`` | times the NLU process was started again |
| ``pathways_nlu_resident_memory_bytes`` | the NLU process's memory |
| ``pathways_database_up`` | 0 while counts cannot be written (they wait in memory) |
| ``pathways_counts_buffered`` | events counted and not written yet |
| ``pathways_open_cases`` | conversations open with caseworkers |
| ``process_*`` | the bot's own process: memory, CPU, open files |
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

from bot.nlu.process import UP, NluStatus

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class LiveState:
    """Where the states are read at scrape time (functions, so they are always current)."""

    nlu: Callable[[], NluStatus]
    database_up: Callable[[], bool]
    buffered: Callable[[], int]
    open_cases: Callable[[], int]


class Metrics:
    """The bot's metrics, in a registry of its own."""

    def __init__(self, live: LiveState) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "pathways_updates", "Updates handled, by kind", ["kind"], registry=self.registry
        )
        self.replies = Counter(
            "pathways_replies", "Messages sent to people", registry=self.registry
        )
        self.latency = Histogram(
            "pathways_reply_seconds",
            "Seconds from handling an update to its last reply sent",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.degraded = Counter(
            "pathways_degraded_replies",
            "Free text answered without the NLU (the menu instead)",
            registry=self.registry,
        )
        self.errors = Counter(
            "pathways_errors", "Errors caught, by class name", ["kind"], registry=self.registry
        )
        self.registry.register(_LiveCollector(live))
        ProcessCollector(registry=self.registry)

    def render(self) -> bytes:
        """The metrics in Prometheus's text format."""
        return generate_latest(self.registry)


class _LiveCollector(Collector):
    def __init__(self, live: LiveState) -> None:
        self.live = live

    def collect(self) -> Iterator[Metric]:
        status = self.live.nlu()
        yield _gauge("pathways_nlu_up", "1 while free text is understood", status.state == UP)
        restarts = CounterMetricFamily(
            "pathways_nlu_restarts", "Times the NLU process was started again"
        )
        restarts.add_metric([], status.restarts)
        yield restarts
        yield _gauge(
            "pathways_nlu_resident_memory_bytes",
            "Resident memory of the NLU process",
            _rss_bytes(status.pid),
        )
        yield _gauge(
            "pathways_database_up", "0 while counts cannot be written", self.live.database_up()
        )
        yield _gauge(
            "pathways_counts_buffered", "Events counted, not written yet", self.live.buffered()
        )
        yield _gauge(
            "pathways_open_cases", "Conversations open with caseworkers", self.live.open_cases()
        )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=float(value))


def _rss_bytes(pid: int | None) -> int:
    """Resident memory of process ``pid`` (Linux), or 0."""
    if pid is None:
        return 0
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
