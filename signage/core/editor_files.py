"""Files that editors and systems write beside the officer's: never content, never a change.

One rule for every command: the live preview does not rebuild for them nor name them as changes,
and the vocabulary check does not take them for mistyped pages. Any hidden file (`.x`: the
officer's file manager does not show it) and, by editor or tool:
vim `4913` (its write probe), `x~`, `.x.swp` (`.swo`…); emacs `.#x`, `#x#`, `x~`; `sed -i`
`sedXXXXXX`; gedit `.goutputstream-XXXXXX`; kate `.x.kate-swp`; JetBrains `x___jb_tmp___`,
`x___jb_old___`; LibreOffice `.~lock.x#`; Word `~$x`; macOS `._x`, `.DS_Store`; `x.tmp`,
`x.bak`, `x.part`.
"""

from __future__ import annotations

import re

_EDITOR_FILE = re.compile(r"(^\.|^#.*#$|~$|^~\$|\.sw[a-px]$|^4913$|^sed[A-Za-z0-9]{6}$|\.kate-swp$"
                          r"|___jb_(tmp|old)___$|\.tmp$|\.bak$|\.part$)", re.IGNORECASE)


def editor_file(name: str) -> bool:
    """True for a file name (no folder) that an editor or the system wrote, not the officer."""
    return bool(_EDITOR_FILE.search(name))
