"""Local SQLite replica: models, migrations, the search index and database access."""
