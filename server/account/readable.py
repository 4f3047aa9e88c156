"""My data as a document to read and print: the same records as the JSON export (export_for,
so the same rule of what is mine and what the former-partner rule withholds), laid out for a
person — my journal, my check-ins, the questions with their answers and every revision, the
agreements with their versions, our time together, my journey's figures by month."""

import uuid
from collections import defaultdict
from datetime import datetime
from statistics import mean

from flask import render_template

from server.account import export
from server.auth.models import User
from server.extensions import db
from server.journal.kind import PROMPTS
from server.records.present import revisions_seen_by
from server.records.registry import KINDS

MEASURES = ("trust", "safety", "connection")


def revisions_as_seen(kind_name: str, viewer: User, record_id) -> list[dict]:
    """A record's changes as its revisions route shows them to this person (the former-partner
    rule applied: that they changed something stays, their words do not)."""
    kind = KINDS[kind_name]
    return revisions_seen_by(kind, viewer, db.session.get(kind.model, uuid.UUID(record_id)))


def monthly_figures(checkins: list[dict], actions: list[dict], experiences: list[dict],
                    setbacks: list[dict]) -> list[dict]:
    """Per month, newest first: my check-ins' mean trust / safety / connection and how many of
    each of my records there were. Figures, never a score."""
    months = defaultdict(lambda: {"checkins": [], "actions": 0, "experiences": 0, "setbacks": 0})
    for checkin in checkins:
        months[checkin["occurred_at"][:7]]["checkins"].append(checkin)
    for name, records in (("actions", actions), ("experiences", experiences),
                          ("setbacks", setbacks)):
        for record in records:
            months[record["occurred_at"][:7]][name] += 1
    figures = []
    for month, found in sorted(months.items(), reverse=True):
        row = {"month": datetime.strptime(month, "%Y-%m").strftime("%B %Y"),
               "checkins": len(found["checkins"]), "actions": found["actions"],
               "experiences": found["experiences"], "setbacks": found["setbacks"]}
        for measure in MEASURES:
            values = [c[measure] for c in found["checkins"] if c.get(measure) is not None]
            row[measure] = f"{mean(values):.1f}" if values else "–"
        figures.append(row)
    return figures


def when(moment, date_only: bool = False) -> str:
    """"3 December 2026, 17:13": a record's time as the phone that wrote it saw it (its own
    offset), spelled out, since the document is read long after."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    day = f"{moment.day} {moment:%B %Y}"
    return day if date_only else f"{day}, {moment:%H:%M}"


def readable_export_for(user: User) -> tuple[str, str]:
    """(the HTML document, its file name)."""
    data = export.export_for(user)
    records = data["records"]

    def mine(kind):
        return [r for r in records[kind] if r["is_mine"] and not r["withdrawn_at"]]

    questions = [{**question, "revisions": revisions_as_seen("question", user, question["id"])}
                 for question in records["question"] if not question["withdrawn_at"]]
    html = render_template(
        "readable_export.html", when=when, exported_at=data["exported_at"], account=data["account"],
        space=data["space"], journal=records["journal_entry"], prompts=PROMPTS,
        checkins=mine("checkin"), questions=questions,
        agreements=[a for a in records["agreement"] if not a["withdrawn_at"]],
        experiences=[e for e in records["experience"] if not e["withdrawn_at"]],
        figures=monthly_figures(mine("checkin"), mine("action"), mine("experience"),
                                mine("setback")))
    return html, f"kintsugi-{data['exported_at']:%Y-%m-%d}.html"
