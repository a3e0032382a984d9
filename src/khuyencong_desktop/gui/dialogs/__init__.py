"""The window's dialogs: office details, settings, file check, about."""
