"""A sending process (`python -m server.push.sending_process`): encrypts and POSTs messages for
a Sender in another process, so that a large fan-out uses every core.

Per message, encryption and the HTTP exchange each cost about as much CPU as all of the worker's
database work; in one process they share one interpreter lock. A Sender with
PUSH_SENDER_PROCESSES > 0 keeps the database work and hands slices of messages to that many of
these, each a Sender of its own (its own event loop, connection pool and VAPID header cache).

They talk over the child's stdin and stdout in JSON lines (no pickle, and nothing of the
parent's __main__ is imported again): first the settings (the VAPID key travels here, never in
the command line or the environment, which other users can read), answered "ready"; then one
job per line,
`[number, [[endpoint, p256dh, auth, payload, topic, ttl, urgency], ...]]`. The child answers
each job as soon as all its messages have outcomes, `[number, [[result, status, retry_after,
detail], ...]]` — jobs overlap, so answers can come in any order."""

import asyncio
import concurrent.futures
import functools
import itertools
import json
import logging
import signal
import sys
import threading

log = logging.getLogger(__name__)

# A job line holds a slice of messages (about 700 bytes each); far below this.
LINE_LIMIT = 16 * 1024 * 1024
READY = "ready"


def job_line(number: int, messages) -> bytes:
    return (json.dumps([number, [
        [m.endpoint, m.p256dh, m.auth, m.payload.decode(), m.topic, m.ttl, m.urgency]
        for m in messages]], separators=(",", ":")) + "\n").encode()


def answer_line(number: int, outcomes) -> bytes:
    return (json.dumps([number, [[o.result, o.status, o.retry_after, o.detail]
                                 for o in outcomes]], separators=(",", ":")) + "\n").encode()


class SendingProcess:
    """The parent's handle on one child: `send` writes a job and waits for its answer, which a
    reader task matches to the job by its number."""

    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        self.numbers = itertools.count()
        self.waiting: dict[int, asyncio.Future] = {}
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def start(cls, settings: dict) -> "SendingProcess":
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server.push.sending_process", stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, limit=LINE_LIMIT)
        process.stdin.write((json.dumps(settings) + "\n").encode())
        # Ready once it has imported everything (seconds on a busy machine), so that the first
        # job's timeouts do not count the child's start.
        if json.loads(await process.stdout.readline() or "null") != READY:
            raise RuntimeError("the sending process did not start")
        return cls(process)

    @property
    def alive(self) -> bool:
        return self.process.returncode is None and not self.reader.done()

    async def send(self, messages) -> list:
        from server.push.sender import Outcome

        number = next(self.numbers)
        answer = asyncio.get_running_loop().create_future()
        self.waiting[number] = answer
        try:
            self.process.stdin.write(job_line(number, messages))
            await self.process.stdin.drain()
            return [Outcome(*fields) for fields in await answer]
        except (RuntimeError, ConnectionError) as exc:
            # The child died with these in flight: some may have gone out. Retrying them (after
            # the backoff) sends those twice, with the same tag, so the second replaces the first.
            self.waiting.pop(number, None)
            detail = f"sending process ended: {exc}"[:120]
            return [Outcome("retry", detail=detail) for _ in messages]

    async def _read(self) -> None:
        stream = self.process.stdout
        try:
            while line := await stream.readline():
                number, outcomes = json.loads(line)
                answer = self.waiting.pop(number, None)
                if answer is not None and not answer.done():
                    answer.set_result(outcomes)
        except (ValueError, ConnectionError) as exc:
            log.error("sending process answered nonsense: %s", exc)
        finally:
            for answer in self.waiting.values():
                if not answer.done():
                    answer.set_exception(RuntimeError("no answer"))
            self.waiting.clear()

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), 5)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        self.reader.cancel()
        await asyncio.gather(self.reader, return_exceptions=True)


def main() -> None:
    # The parent decides when to stop (it closes our stdin); Ctrl-C in a terminal reaches the
    # whole process group and must not kill us between its jobs.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from server.push.sender import Message, Outcome, Sender

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    settings = stdin.readline()
    if not settings:  # the parent died before it could tell us anything
        return
    sender = Sender(**json.loads(settings))
    writing = threading.Lock()
    stdout.write((json.dumps(READY) + "\n").encode())
    stdout.flush()

    def answer(number: int, count: int, done) -> None:
        try:
            outcomes = done.result()
        except concurrent.futures.CancelledError:  # closing: the parent stopped listening
            return
        except Exception as exc:  # a bug, not the push service: let the outbox retry
            log.exception("sending failed")
            outcomes = [Outcome("retry", detail=f"sending failed: {exc}"[:120])] * count
        with writing:
            stdout.write(answer_line(number, outcomes))
            stdout.flush()

    try:
        for line in stdin:
            number, rows = json.loads(line)
            messages = [Message(endpoint, p256dh, auth, payload.encode(), topic, ttl, urgency)
                        for endpoint, p256dh, auth, payload, topic, ttl, urgency in rows]
            sender.submit(messages).add_done_callback(
                functools.partial(answer, number, len(messages)))
    except BrokenPipeError:
        pass
    finally:
        sender.close()


if __name__ == "__main__":
    main()
