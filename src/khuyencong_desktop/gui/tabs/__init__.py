"""One module per main-window tab; each tab owns its view and takes the AppContext."""
