"""What gunicorn serves (Procfile: `gunicorn server.wsgi:app`): the app, built once per worker.

Once it is built, its objects (modules, the ORM's mappers, schemas, compiled statements: well
over 100,000 of them) are moved out of the garbage collector's sight with gc.freeze(). They live
as long as the worker, and without this every full collection walks all of them, a pause of tens
of milliseconds in the middle of someone's request."""

import gc

from server import create_app

app = create_app()
gc.freeze()
