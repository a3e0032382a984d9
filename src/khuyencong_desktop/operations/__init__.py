"""What the application does, as functions over an open Database that return plain data.

The command line and the window are thin fronts over these; nothing here imports Qt.
"""
