"""Write the Windows version resource (thông tin phiên bản) of the executables from ``__version__``.

PyInstaller reads this text file (``EXE(version=...)``): Explorer's Properties → Details then shows
the product, the version and the publisher. Run as a script it writes to the path given.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPANY = "KhuyenCong Desktop"
PRODUCT = "KhuyenCong"
DESCRIPTION = "KhuyenCong - quản lý chương trình và đề án khuyến công"
COPYRIGHT = "Trung tâm Khuyến công - phần mềm KhuyenCong Desktop"


def package_version() -> str:
    """``__version__`` read from the source, so this works without the package installed."""
    text = (ROOT / "src" / "khuyencong_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def version_quad(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → (0, 1, 0, 0); a suffix such as ``rc1`` or ``.dev2`` is dropped (Windows wants four numbers)."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_info_text(version: str, filename: str = f"{PRODUCT}.exe") -> str:
    """The resource of one executable; ``filename`` is what Explorer shows as its original file name."""
    quad = version_quad(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": PRODUCT,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": filename,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    # 0x042A: Vietnamese; 1200: Unicode code page.
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={quad}, prodvers={quad}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('042A04B0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x042A, 1200])])
  ]
)
"""


def write_version_info(path: Path, filename: str = f"{PRODUCT}.exe") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_info_text(package_version(), filename), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_version_info(Path(sys.argv[1] if len(sys.argv) > 1 else "version_info.txt")))
