"""Invite codes a person can read aloud or type on a phone: Crockford base32, 8 characters."""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U: nothing to misread
LENGTH = 8
# What people type for the letters we left out.
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(typed: str) -> str:
    return "".join(typed.upper().split()).replace("-", "").translate(LOOKALIKES)


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"
