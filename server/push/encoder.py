"""An encoder process: encrypts push bodies for a sender (`python -m server.push.encoder`).

Encryption is the CPU-heavy part of a push; a sender with PUSH_ENCODER_PROCESSES > 0 starts
that many of these and keeps its own process for the connections. They talk over the child's
stdin and stdout in length-prefixed frames (no pickle, no multiprocessing re-import of the
parent's main module):

  job:    item count (u32), then per item p256dh, auth, payload (each u32 length + bytes)
  result: per item a flag (0 body, 1 error text) and the bytes (u32 length + bytes)
"""

import struct
import sys

U32 = struct.Struct(">I")


def pack(fields: list[bytes]) -> bytes:
    return b"".join(U32.pack(len(field)) + field for field in fields)


def read_exact(stream, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise EOFError
    return data


def read_field(stream) -> bytes:
    return read_exact(stream, U32.unpack(read_exact(stream, 4))[0])


def job_frame(items: list[tuple[str, str, bytes]]) -> bytes:
    fields = [field for p256dh, auth, payload in items
              for field in (p256dh.encode(), auth.encode(), payload)]
    return U32.pack(len(items)) + pack(fields)


def main() -> None:
    # Imported here so a parent that only packs frames does not load pywebpush twice.
    from server.push.sender import encrypt_one

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            count = U32.unpack(read_exact(stdin, 4))[0]
        except EOFError:
            return
        out = []
        for _ in range(count):
            p256dh, auth, payload = (read_field(stdin) for _ in range(3))
            try:
                out.append(b"\x00" + pack([encrypt_one(p256dh.decode(), auth.decode(), payload)]))
            except Exception as exc:  # a corrupt key fails its own message only
                out.append(b"\x01" + pack([f"cannot encrypt: {exc}".encode()[:200]]))
        stdout.write(b"".join(out))
        stdout.flush()


if __name__ == "__main__":
    main()
