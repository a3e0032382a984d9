"""Excel workbooks in the officers' own layouts: reading, checking, importing and exporting (no Qt)."""
