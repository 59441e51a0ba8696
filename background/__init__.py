"""
The background-work engine the apps share: work handed to Django's tasks API once its
transaction commits (`enqueue`), and the worker class for the Redis queue (`rq_worker`).
It imports no app of ours.
"""
