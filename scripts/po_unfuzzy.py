# SPDX-License-Identifier: EUPL-1.2
"""A guessed ("fuzzy") translation that makemessages proposes is no translation: empty it,
so tests/test_translations.py finds it. The header's own fuzzy mark is simply dropped.
Usage: python scripts/po_unfuzzy.py locale/en/LC_MESSAGES/django.po"""

import sys


def unfuzzy(text: str) -> str:
    out, blocks = [], text.split("\n\n")
    for block in blocks:
        lines = block.split("\n")
        flags = [line for line in lines if line.startswith("#,")]
        if not any("fuzzy" in line for line in flags):
            out.append(block)
            continue
        # The header is the entry with an empty msgid: `msgid ""` directly followed by its
        # msgstr. A long msgid also starts with `msgid ""`, continued on the next lines.
        header = any(
            line == 'msgid ""' and index + 1 < len(lines) and lines[index + 1].startswith("msgstr")
            for index, line in enumerate(lines)
        )
        kept = []
        in_msgstr = False
        for line in lines:
            if line.startswith("#,"):
                rest = ", ".join(f for f in line[2:].split(",") if f.strip() != "fuzzy").strip()
                if rest:
                    kept.append("#, " + rest.lstrip(", "))
                continue
            if line.startswith("#|"):
                continue  # the previous msgid of the guess
            if header:
                kept.append(line)
                continue
            if line.startswith("msgstr"):
                in_msgstr = True
                name = line.split(" ", 1)[0]
                kept.append(f'{name} ""')
                continue
            if in_msgstr and line.startswith('"'):
                continue
            in_msgstr = False
            kept.append(line)
        out.append("\n".join(kept))
    return "\n\n".join(out)


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(unfuzzy(text))
