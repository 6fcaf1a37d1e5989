#!/usr/bin/env python3
"""Fail when an XML file given on the command line is not well-formed."""

import sys
import xml.etree.ElementTree as ET

failed = False
for path in sys.argv[1:]:
    try:
        ET.parse(path)
    except ET.ParseError as exc:
        print(f"{path}: {exc}")
        failed = True
sys.exit(1 if failed else 0)
