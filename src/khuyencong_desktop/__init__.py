"""KhuyenCong Desktop: the khuyến công programme manager for provincial offices."""

__version__ = "0.1.0"
