"""
The RQ worker for the Redis queue (`manage.py rqworker --worker-class
background.rq_worker.Worker --with-scheduler …`): RQ's SimpleWorker, with one
difference that matters after a crash.

Deferred work (a campaign's watchdog, retries with backoff, scheduled campaigns, event
reminders) is started by RQ's scheduler, which one worker runs under a lock in Redis.
A worker killed with SIGKILL keeps that lock for a minute, and RQ's own workers only
ask for it again every ten minutes: a worker restarted after a kill would leave
deferred work waiting up to eleven minutes. This worker, when it starts, releases a
lock whose scheduler ran on this machine and whose process is gone (no other process
can have it), and asks for a free lock every `STATEUP_RQ_MAINTENANCE_SECONDS` (default
60): on another machine, a dead worker's lock expires by itself within the minute.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from django.conf import settings
from rq.scheduler import RQScheduler, SchedulerNotFound
from rq.scripts import release_lock
from rq.worker import SimpleWorker


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return not _has_exited(pid)


def _has_exited(pid: int) -> bool:
    """
    True for a process that has exited but is not yet reaped (a zombie). A killed
    worker's scheduler is one until init collects it, which in a container can take
    seconds: longer than the next worker takes to start.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # not Linux, or gone in the meantime
        return False
    # "pid (command) state ...": the command may itself hold spaces and parentheses.
    return stat.rpartition(")")[2].split()[:1] in (["Z"], ["X"])


def release_dead_schedulers(connection, queue_names) -> list[str]:
    """Free the scheduler locks of these queues held by a dead process on this machine."""
    released = []
    here = socket.gethostname()
    for queue_name in queue_names:
        key = RQScheduler.get_locking_key(queue_name)
        holder = connection.get(key)
        if holder is None:
            continue
        holder = holder.decode() if isinstance(holder, bytes) else str(holder)
        try:
            scheduler = RQScheduler.fetch(holder, connection)
        except SchedulerNotFound:
            continue  # still starting, or gone long ago: the lock's TTL decides
        dead_here = scheduler.hostname == here and scheduler.pid and not _is_running(scheduler.pid)
        if dead_here and release_lock(connection, key, holder):
            released.append(queue_name)
    return released


class Worker(SimpleWorker):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", settings.STATEUP_RQ_MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)

    def _start_scheduler(self, *args, **kwargs):
        released = release_dead_schedulers(self.connection, [queue.name for queue in self.queues])
        if released:
            self.log.info("Released the scheduler lock of a dead worker for %s", released)
        return super()._start_scheduler(*args, **kwargs)
