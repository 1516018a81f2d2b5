#!/usr/bin/env python3
"""Checks that every relative link and #anchor in the given markdown files resolves (GitHub's heading slugs)."""
import os, re, sys, unicodedata

def slug(text):
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)
    text = text.strip().lower()
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in ' -':
            out.append('-' if ch == ' ' else ch)
        elif ch == '_' or cat[0] in 'LN' or cat == 'Mn':
            out.append(ch)
    return ''.join(out)

def anchors(path):
    seen, result, fence = {}, set(), False
    for line in open(path, encoding='utf-8'):
        if line.startswith('```'):
            fence = not fence
            continue
        m = None if fence else re.match(r'(#{1,6})\s+(.*?)\s*#*\s*$', line)
        if m:
            s = slug(m.group(2))
            n = seen.get(s, 0)
            seen[s] = n + 1
            result.add(s if n == 0 else f'{s}-{n}')
    return result

def links(path):
    fence = False
    for no, line in enumerate(open(path, encoding='utf-8'), 1):
        if line.startswith('```'):
            fence = not fence
            continue
        if fence:
            continue
        line = re.sub(r'`[^`]*`', '', line)
        for m in re.finditer(r'!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)', line):
            yield no, m.group(1)

bad = checked = 0
for md in sys.argv[1:]:
    for no, target in links(md):
        if re.match(r'[a-z]+:', target):
            continue
        checked += 1
        file, _, frag = target.partition('#')
        dest = os.path.normpath(os.path.join(os.path.dirname(md), file)) if file else md
        if not os.path.exists(dest):
            print(f'{md}:{no}: missing file {target}'); bad += 1; continue
        if frag and dest.endswith('.md') and frag not in anchors(dest):
            print(f'{md}:{no}: missing anchor {target}'); bad += 1
print(f'{checked} relative links checked, {bad} broken')
sys.exit(1 if bad else 0)
