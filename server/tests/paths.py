"""Where the source tree and the binary under test are."""
import os
import pathlib

ROOT = pathlib.Path(os.environ.get("VITRINE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BIN = os.environ.get("VITRINE_BIN", str(ROOT / "build" / "release" / "server" / "vitrine"))
