"""Alembic environment: runs on the connection scbmeet hands over, in batch mode on SQLite.

For developers, ``alembic -c scbmeet/storage/migrations/alembic.ini revision --autogenerate -m ...``
works against ``SCBMEET_DATABASE_URL`` (or a scratch SQLite file).
"""

import os

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

import scbmeet.domain.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = os.environ.get("SCBMEET_DATABASE_URL") or config.get_main_option(
        "sqlalchemy.url", "sqlite:///scratch-migrations.sqlite3"
    )
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        _run(conn)
