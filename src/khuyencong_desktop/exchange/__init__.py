"""Exchange packages (gói trao đổi dữ liệu, .kcx): write, verify and merge them without losing an edit."""
