#!/usr/bin/env python3
# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run OCA's ``oca-checks-odoo-module`` on this addon (a `make lint` hook).

OCA's checker looks for a module's ``__manifest__.py`` by walking up from each
file *below* the git top level, since an OCA repository holds addons in
sub-directories. This repository *is* the addon (its manifest is at the top
level), so the checker finds nothing here and reports success. This wrapper
copies the files git knows about (tracked and untracked-not-ignored, as they
are in the work tree) into ``<tmp>/b2b_portal`` below a fresh ``git init``
top level, runs the checker there and prints its findings with paths relative
to the repository. Extra arguments (``--disable=...``) go to the checker.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

MODULE = "b2b_portal"


def main(argv):
    repo = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
    files = subprocess.check_output(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=repo
    ).split(b"\0")
    with tempfile.TemporaryDirectory(prefix="b2b_oca_checks.") as tmp:
        subprocess.check_call(["git", "init", "-q", tmp])
        dst = os.path.join(tmp, MODULE)
        for name in filter(None, (f.decode() for f in files)):
            src = os.path.join(repo, name)
            if not os.path.isfile(src):  # deleted in the work tree
                continue
            os.makedirs(os.path.dirname(os.path.join(dst, name)), exist_ok=True)
            shutil.copy2(src, os.path.join(dst, name))
        checker = shutil.which("oca-checks-odoo-module")
        if not checker:
            sys.exit("oca-checks-odoo-module not found (pip install oca-odoo-pre-commit-hooks)")
        proc = subprocess.run(
            [checker, *argv, os.path.join(MODULE, "__manifest__.py")],
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        out = proc.stdout + proc.stderr
        # the checker prints paths of the copy: make them repository paths
        for prefix in (os.path.join(os.path.realpath(tmp), MODULE) + os.sep, dst + os.sep):
            out = out.replace(prefix, "").replace(prefix.lstrip(os.sep), "")
        out = re.sub(rf"(?m)^{MODULE}/", "", out)
        sys.stdout.write(out)
        return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
