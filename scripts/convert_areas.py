#!/usr/bin/env python3
"""Converts the official administrative list into pakn/organisations/data/administrative_areas.json.

Source: the PyPI package vietnam-provinces (GPL code, public facts). Only the facts are taken:
codes, names, types. Fetch its wheel and run this on the JSON inside it:

    pip download --no-deps --only-binary=:all: --python-version 3.12 \
        vietnam-provinces==2026.9.0 -d /tmp/vp
    unzip -o /tmp/vp/*.whl -d /tmp/vp/x
    python scripts/convert_areas.py /tmp/vp/x/vietnam_provinces/data/nested-divisions.json \
        --version 2026.9.0
"""

import argparse
import datetime
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pakn/organisations/data/administrative_areas.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("nested_json", type=Path)
    parser.add_argument("--version", required=True)
    args = parser.parse_args()
    provinces = json.loads(args.nested_json.read_text(encoding="utf-8"))
    result = {
        "source": {
            "package": "vietnam-provinces",
            "version": args.version,
            "file": "vietnam_provinces/data/nested-divisions.json",
            "converted_on": datetime.date.today().isoformat(),
            "legal_basis": "Two-level local government in force since 1 July 2025 "
            "(Resolution 202/2025/QH15 on provinces; Standing Committee resolutions of "
            "June 2025 on communes, wards and special zones)",
        },
        "provinces": [
            {
                "code": f"{province['code']:02d}",
                "name": province["name"],
                "division_type": province["division_type"],
                "codename": province["codename"],
                "communes": [
                    [f"{ward['code']:05d}", ward["name"], ward["division_type"], ward["codename"]]
                    for ward in sorted(province["wards"], key=lambda w: w["code"])
                ],
            }
            for province in sorted(provinces, key=lambda p: p["code"])
        ],
    }
    # One commune a line, so that a change of the official list reads well in a diff.
    text = json.dumps(result, ensure_ascii=False, indent=1)
    text = re.sub(
        r"\[\s+(\"\d{5}\"),\s+(\"[^\"]*\"),\s+(\"[^\"]*\"),\s+(\"[^\"]*\")\s+\]",
        r"[\1, \2, \3, \4]",
        text,
    )
    OUT.write_text(text + "\n", encoding="utf-8")
    communes = sum(len(p["communes"]) for p in result["provinces"])
    print(f"wrote {OUT}: {len(result['provinces'])} provinces, {communes} communes")


if __name__ == "__main__":
    main()
