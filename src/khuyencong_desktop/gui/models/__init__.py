"""Table models of the lists: one per list, paged lazily from operations.listing queries."""
