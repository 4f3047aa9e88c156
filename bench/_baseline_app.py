"""The load benchmark's baseline (bench/api_load.py): a bare Flask JSON endpoint, served with
the same gunicorn settings as the app, so that the app's figures read as a share of what Flask
and gunicorn alone manage on this machine at the same moment."""

from flask import Flask

app = Flask(__name__)


@app.get("/api/ping")
def ping():
    return {"ok": True}
