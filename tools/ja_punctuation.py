#!/usr/bin/env python3
"""Full-width punctuation in Japanese content (content/STYLE.md): ( ) ? ! : that belong to Japanese text become
（ ） ？ ！ ：. Code spans, link targets, anchors, placeholders, tags and 「quoted screen text」 are left as they are.
Usage: python3 tools/ja_punctuation.py [--check] FILE...   (--check lists what would change and exits 1)"""
import re, sys

JP = re.compile(r'[\u3040-\u30ff\u4e00-\u9fff\u3000-\u303f\uff01-\uff60]')
PROTECT = re.compile(r'`[^`]*`|\]\([^)]*\)|\{#[^}]*\}|\{\{[^}]*\}\}|「[^」]*」|『[^』]*』|<[^>]+>|https?://\S+')

def is_jp(c): return bool(c) and bool(JP.match(c))

def convert_line(line):
    protected = [False] * len(line)
    for m in PROTECT.finditer(line):
        for i in range(m.start(), m.end()): protected[i] = True
    chars = list(line)
    def prev_char(i):
        j = i - 1
        while j >= 0 and line[j] in ' *_': j -= 1
        return line[j] if j >= 0 else ''
    def next_char(i):
        j = i + 1
        while j < len(line) and line[j] in ' *_': j += 1
        return line[j] if j < len(line) else ''
    # Parentheses, as pairs.
    stack = []
    for i, c in enumerate(line):
        if protected[i]: continue
        if c == '(':
            stack.append(i)
        elif c == ')' and stack:
            o = stack.pop()
            inner = line[o + 1:i]
            before = prev_char(o)
            # After a placeholder or a closing bracket in a Japanese line, the parenthesis is Japanese too.
            japanese_line = any(is_jp(x) for x in line)
            if is_jp(before) or any(is_jp(x) for x in inner) or is_jp(next_char(i)) or (japanese_line and before in '}」'):
                chars[o], chars[i] = '（', '）'
    for i, c in enumerate(line):
        if protected[i] or c not in '?!:': continue
        if is_jp(prev_char(i)) or (c == ':' and prev_char(i) == '）'):
            chars[i] = {'?': '？', '!': '！', ':': '：'}[c]
            # No space after full-width punctuation.
            if i + 1 < len(line) and line[i + 1] == ' ' and not protected[i + 1] and not line[i + 2:].startswith('{#'): chars[i + 1] = ''
    return ''.join(chars)

def convert(text):
    out, in_front, front_seen, fence = [], False, 0, False
    for n, line in enumerate(text.split('\n')):
        if line.strip() == '---' and front_seen < 2 and (n == 0 or in_front):
            in_front = not in_front; front_seen += 1; out.append(line); continue
        if line.startswith('```'): fence = not fence
        if fence or (in_front and not re.match(r'^(title|summary):', line)):
            out.append(line); continue
        out.append(convert_line(line))
    return '\n'.join(out)

if __name__ == '__main__':
    check = '--check' in sys.argv
    changed = []
    for path in [a for a in sys.argv[1:] if a != '--check']:
        text = open(path, encoding='utf-8').read()
        new = convert(text)
        if new != text:
            changed.append(path)
            if not check: open(path, 'w', encoding='utf-8').write(new)
    for p in changed: print(('would change ' if check else 'changed ') + p)
    sys.exit(1 if check and changed else 0)
