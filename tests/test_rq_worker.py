"""A restarted RQ worker takes over the scheduler of a dead one on the same machine."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from rq.scheduler import RQScheduler

from background.rq_worker import release_dead_schedulers

REDIS_TEST_URL = os.environ.get("STATEUP_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture
def connection():
    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    client.flushdb()
    yield client
    client.flushdb()


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def holding_the_lock(connection, *, pid: int, hostname: str) -> RQScheduler:
    scheduler = RQScheduler(["default"], connection=connection)
    scheduler.acquire_locks()
    assert scheduler.acquired_locks == {"default"}
    scheduler.register_birth()
    connection.hset(scheduler.key, mapping={"pid": pid, "hostname": hostname})
    return scheduler


def lock_holder(connection):
    return connection.get(RQScheduler.get_locking_key("default"))


def test_the_lock_of_a_killed_scheduler_on_this_machine_is_released(connection):
    holding_the_lock(connection, pid=dead_pid(), hostname=socket.gethostname())
    assert release_dead_schedulers(connection, ["default"]) == ["default"]
    assert lock_holder(connection) is None
    assert RQScheduler(["default"], connection=connection).acquire_locks() == {"default"}


def test_the_lock_of_a_killed_scheduler_not_yet_reaped_is_released(connection):
    # A killed process stays a zombie until its parent or init collects it.
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    stat = Path(f"/proc/{process.pid}/stat")
    deadline = time.monotonic() + 10
    while stat.read_text().rpartition(")")[2].split()[0] != "Z":
        assert time.monotonic() < deadline, "the child never exited"
        time.sleep(0.01)
    try:
        holding_the_lock(connection, pid=process.pid, hostname=socket.gethostname())
        assert release_dead_schedulers(connection, ["default"]) == ["default"]
    finally:
        process.wait()


def test_a_running_scheduler_keeps_its_lock(connection):
    scheduler = holding_the_lock(connection, pid=os.getpid(), hostname=socket.gethostname())
    assert release_dead_schedulers(connection, ["default"]) == []
    assert lock_holder(connection).decode() == scheduler.name


def test_a_scheduler_on_another_machine_keeps_its_lock_until_it_expires(connection):
    scheduler = holding_the_lock(connection, pid=dead_pid(), hostname="another-server")
    assert release_dead_schedulers(connection, ["default"]) == []
    assert lock_holder(connection).decode() == scheduler.name
