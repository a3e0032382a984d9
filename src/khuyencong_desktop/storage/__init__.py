"""The SQLite file: typed models, opening and migrating, change history. No Qt."""
