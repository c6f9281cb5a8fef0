"""The Telegram front's knobs: sensible defaults, changed by tests and benchmarks only."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tuning:
    """Timings and limits of the Telegram front.

    Attributes:
        typing_after: seconds of work before the bot shows "typing…".
        flood_burst: messages one chat may send at once before it is slowed.
        flood_rate: messages per second one chat may send after the burst.
        rate_limiter: use PTB's ``AIORateLimiter`` (Telegram's 30 messages/s overall).
        group_max_rate, group_time_period: PTB's group limiter is a leaky bucket that
            lets ``group_max_rate`` through at once, then refills at that many per
            period. Telegram allows about 20 messages a minute to a group: 5 per 20 s
            never sends more than 20 in any 60 s (5 at once, then 15 a minute), so the
            caseworkers' group never answers 429 (which would pause every chat).
        max_retries: retries of a request Telegram answered with 429.
        send_attempts: attempts to send one message when the network fails.
        poll_timeout: seconds of one long poll (``getUpdates``).
        sweep_every: seconds between two sweeps of idle chats' memory.
        forget_after: seconds after which an idle chat's memory is dropped.
        watch_content: reload the content by itself when its files change.
        case_flush_every: seconds between two writes of the cases' queued changes.
        case_sweep_every: seconds between two looks for cases idle past CASE_TTL_DAYS.
    """

    typing_after: float = 1.0
    flood_burst: int = 10
    flood_rate: float = 1.0
    rate_limiter: bool = True
    group_max_rate: int = 5
    group_time_period: float = 20.0
    max_retries: int = 3
    send_attempts: int = 4
    poll_timeout: int = 30
    sweep_every: float = 3600.0
    forget_after: float = 48 * 3600.0
    watch_content: bool = True
    case_flush_every: float = 5.0
    case_sweep_every: float = 600.0
