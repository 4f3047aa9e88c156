"""Races the database must settle: two partners-to-be using one invite at the same moment."""

import threading

from helpers import ApiClient


def test_two_people_racing_with_one_code_only_one_joins(app, person):
    ana = person("ana")
    racers = [person(f"racer{n}") for n in range(4)]
    code = ana.post("/api/space").get_json()["invite"]["code"]
    start = threading.Barrier(len(racers))
    statuses = {}

    def join(phone: ApiClient, n: int):
        start.wait()
        statuses[n] = phone.post("/api/space/join", {"code": code}).status_code

    threads = [threading.Thread(target=join, args=(phone, n)) for n, phone in enumerate(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses.values()) == [200, 409, 409, 409], statuses
    assert len(ana.get("/api/space").get_json()["members"]) == 2
