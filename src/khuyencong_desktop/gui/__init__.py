"""The Qt window: a thin front over the operations. Only this package imports Qt."""
