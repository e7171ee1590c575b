#!/usr/bin/env python3
"""Draws the five OP25B explanation diagrams in Japanese and English.

Run `python3 tools/diagrams.py` after editing; it rewrites wwwroot/img/diagrams/*.svg.
One description per scene keeps the two languages' pictures identical apart from their words.
"""
import math
import pathlib
from xml.sax.saxutils import escape

OUT = pathlib.Path(__file__).resolve().parent.parent / "wwwroot" / "img" / "diagrams"
FONT = "'Noto Sans CJK JP','Hiragino Sans','Yu Gothic','Meiryo',system-ui,sans-serif"
STYLE = {
    "pc": ("#e8f1fb", "#2f6db5"),
    "server": ("#eaf6ee", "#2e8540"),
    "ours": ("#e6f4f4", "#0b6e6e"),
    "bad": ("#fdecec", "#b3261e"),
    "note": ("#fff8e1", "#8a6d00"),
    "person": ("#f3effa", "#5b3f9a"),
}
ARROW = {"ok": "#2e8540", "plain": "#44546a", "bad": "#b3261e", "blocked": "#b3261e", "dash": "#5b3f9a"}


class Svg:
    def __init__(self, width, height, title):
        self.w, self.h, self.parts = width, height, []
        self.title = title

    def node(self, x, y, w, h, lines, kind, icon=None):
        fill, stroke = STYLE[kind]
        self.parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="{fill}" stroke="{stroke}" stroke-width="2.5"/>')
        tx = x + 16
        if icon:
            getattr(self, "icon_" + icon)(x + 12, y + h / 2 - 18, stroke)
            tx = x + 62
        size = 18
        top = y + h / 2 - (len(lines) - 1) * (size + 4) / 2 + size * 0.35
        for i, line in enumerate(lines):
            weight = "700" if i == 0 else "400"
            self.parts.append(f'<text x="{tx}" y="{top + i * (size + 4):.1f}" font-size="{size}" font-weight="{weight}" fill="#1b1b1b">{escape(line)}</text>')

    def icon_pc(self, x, y, c):
        self.parts.append(f'<rect x="{x}" y="{y}" width="40" height="28" rx="3" fill="#fff" stroke="{c}" stroke-width="2.5"/>'
                          f'<path d="M{x+14} {y+36} h12 M{x+20} {y+28} v8" stroke="{c}" stroke-width="2.5"/>')

    def icon_server(self, x, y, c):
        for i in range(3):
            self.parts.append(f'<rect x="{x+4}" y="{y + i * 12}" width="32" height="10" rx="2" fill="#fff" stroke="{c}" stroke-width="2.2"/>'
                              f'<circle cx="{x+30}" cy="{y + i * 12 + 5}" r="1.8" fill="{c}"/>')

    def icon_person(self, x, y, c):
        self.parts.append(f'<circle cx="{x+20}" cy="{y+10}" r="8" fill="#fff" stroke="{c}" stroke-width="2.5"/>'
                          f'<path d="M{x+6} {y+36} q14 -22 28 0" fill="#fff" stroke="{c}" stroke-width="2.5"/>')

    def icon_bug(self, x, y, c):
        self.parts.append(f'<ellipse cx="{x+20}" cy="{y+20}" rx="11" ry="14" fill="#fff" stroke="{c}" stroke-width="2.5"/>'
                          f'<path d="M{x+4} {y+12} l6 4 M{x+36} {y+12} l-6 4 M{x+3} {y+24} h7 M{x+37} {y+24} h-7 M{x+6} {y+34} l5 -4 M{x+34} {y+34} l-5 -4" stroke="{c}" stroke-width="2.2"/>')

    def icon_mail(self, x, y, c):
        self.parts.append(f'<rect x="{x}" y="{y+6}" width="40" height="28" rx="3" fill="#fff" stroke="{c}" stroke-width="2.5"/>'
                          f'<path d="M{x} {y+6} l20 15 l20 -15" fill="none" stroke="{c}" stroke-width="2.5"/>')

    def arrow(self, x1, y1, x2, y2, label=None, state="plain", dashed=False, label_dx=10, label_dy=0, mark_at=None):
        color = ARROW[state]
        dash = ' stroke-dasharray="8 6"' if dashed else ""
        ang = math.atan2(y2 - y1, x2 - x1)
        hx, hy = x2 - 12 * math.cos(ang), y2 - 12 * math.sin(ang)
        self.parts.append(f'<line x1="{x1}" y1="{y1}" x2="{hx:.1f}" y2="{hy:.1f}" stroke="{color}" stroke-width="4"{dash}/>')
        left = (x2 - 16 * math.cos(ang - 0.45), y2 - 16 * math.sin(ang - 0.45))
        right = (x2 - 16 * math.cos(ang + 0.45), y2 - 16 * math.sin(ang + 0.45))
        self.parts.append(f'<path d="M{x2} {y2} L{left[0]:.1f} {left[1]:.1f} L{right[0]:.1f} {right[1]:.1f} Z" fill="{color}"/>')
        if label:
            mx, my = (x1 + x2) / 2 + label_dx, (y1 + y2) / 2 + label_dy
            self.label(mx, my, label, color)
        if mark_at is not None:
            t = mark_at
            self.mark(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, "no" if state == "blocked" else "yes")

    def path(self, points, state="plain", dashed=False):
        """A bent arrow through the given points; the head is on the last point."""
        color = ARROW[state]
        dash = ' stroke-dasharray="8 6"' if dashed else ""
        d = " ".join(("M" if i == 0 else "L") + f"{x} {y}" for i, (x, y) in enumerate(points[:-1]))
        self.parts.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="4"{dash}/>')
        (x1, y1), (x2, y2) = points[-2], points[-1]
        self.arrow(x1, y1, x2, y2, None, state, dashed)

    def label(self, x, y, text, color="#1b1b1b", anchor="start", size=16):
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="700" fill="{color}" text-anchor="{anchor}" '
                          f'paint-order="stroke" stroke="#fff" stroke-width="5" stroke-linejoin="round">{escape(text)}</text>')

    def mark(self, x, y, kind):
        if kind == "no":
            self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="15" fill="#b3261e"/>'
                              f'<path d="M{x-7:.1f} {y-7:.1f} l14 14 M{x+7:.1f} {y-7:.1f} l-14 14" stroke="#fff" stroke-width="4" stroke-linecap="round"/>')
        else:
            self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="15" fill="#2e8540"/>'
                              f'<path d="M{x-7:.1f} {y:.1f} l5 6 l9 -11" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>')

    def region(self, x, y, w, h, text):
        self.parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="14" fill="#f6f7f9" stroke="#7a8699" stroke-width="2" stroke-dasharray="10 6"/>')
        self.label(x + 12, y + 24, text, "#44546a", size=15)

    def write(self, name):
        body = "\n  ".join(self.parts)
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.w} {self.h}" width="{self.w}" height="{self.h}" '
               f'role="img" font-family="{FONT}">\n  <title>{escape(self.title)}</title>\n  {body}\n</svg>\n')
        (OUT / name).write_text(svg, encoding="utf-8")


def t(lang, ja, en):
    return ja if lang == "ja" else en


def normal(lang):
    s = Svg(480, 400, t(lang, "ふだんのメール送信", "Sending mail, normally"))
    s.node(70, 20, 340, 76, [t(lang, "あなたのPC", "Your PC"), t(lang, "メールソフト", "mail program")], "pc", "pc")
    s.arrow(240, 96, 240, 156, t(lang, "25 または 587", "25 or 587"), "ok", label_dx=12, label_dy=6)
    s.node(70, 158, 340, 76, [t(lang, "西院ネットワークス", "Saiin Networks"), t(lang, "送信サーバー(SMTP)", "sending server (SMTP)")], "ours", "server")
    s.arrow(240, 234, 240, 294, t(lang, "25(サーバー間)", "25 (server to server)"), "ok", label_dx=12, label_dy=6)
    s.node(70, 296, 340, 76, [t(lang, "相手のメールサーバー", "Recipient's mail server"), t(lang, "→ 受取人へ", "→ to the recipient")], "server", "mail")
    return s


def spam_via_provider(lang):
    s = Svg(480, 420, t(lang, "プロバイダのサーバーを使うスパマー", "A spammer using a provider's server"))
    s.node(70, 20, 340, 76, [t(lang, "スパマーのPC", "Spammer's PC"), t(lang, "大量のspamを送信", "sends spam in bulk")], "bad", "pc")
    s.arrow(200, 96, 200, 156, None, "bad")
    s.arrow(240, 96, 240, 156, None, "bad")
    s.arrow(280, 96, 280, 156, t(lang, "大量送信", "bulk"), "bad", label_dx=30, label_dy=6)
    s.node(70, 158, 340, 90, [t(lang, "プロバイダのSMTPサーバー", "Provider's SMTP server"), t(lang, "送信数の制限", "sending limits"), t(lang, "アカウント利用停止", "account suspended")], "server", "server")
    s.arrow(240, 248, 240, 318, t(lang, "止められる", "stopped"), "blocked", label_dx=24, label_dy=6, mark_at=0.45)
    s.node(70, 320, 340, 76, [t(lang, "受取人", "Recipients"), t(lang, "spamは届かない", "spam does not arrive")], "person", "person")
    return s


def own_server(lang):
    s = Svg(480, 430, t(lang, "自分のPCをメールサーバーにするスパマー", "A spammer running their own mail server"))
    s.node(10, 20, 220, 84, [t(lang, "スパマーのPC", "Spammer's PC"), t(lang, "自前のメール", "own mail"), t(lang, "サーバー", "server")], "bad", "pc")
    s.arrow(120, 104, 120, 174, t(lang, "25番へ直接", "straight to 25"), "bad", label_dx=8, label_dy=6)
    s.node(10, 176, 220, 76, [t(lang, "受取人の", "Recipient's"), t(lang, "メールサーバー", "mail server")], "server", "server")
    s.arrow(120, 252, 120, 322, None, "plain")
    s.node(10, 324, 220, 84, [t(lang, "受取人", "Recipient"), t(lang, "ヘッダを確認", "reads the"), t(lang, "Received: …", "Received: lines")], "person", "person")
    s.node(250, 20, 220, 84, [t(lang, "プロバイダ", "Provider"), t(lang, "アカウントを", "suspends the"), t(lang, "利用停止", "account")], "note", "server")
    s.path([(230, 366), (360, 366), (360, 106)], "dash", dashed=True)
    s.label(370, 240, t(lang, "通報", "report"), "#5b3f9a")
    s.label(244, 398, t(lang, "ヘッダで送信元の", "The headers show"), "#5b3f9a")
    s.label(244, 420, t(lang, "プロバイダがわかる", "the sender's provider"), "#5b3f9a")
    s.arrow(250, 62, 232, 62, None, "blocked")
    return s


def bots(lang):
    s = Svg(480, 430, t(lang, "ウイルスに感染したPC(BOT)", "Virus-infected PCs (bots)"))
    s.node(120, 14, 240, 70, [t(lang, "犯人", "Criminal"), t(lang, "指示を送る", "sends orders")], "bad", "person")
    for i, x in enumerate((10, 168, 326)):
        s.arrow(240, 84, x + 72, 164, t(lang, "指示", "order") if i == 2 else None, "dash", dashed=True, label_dx=16, label_dy=-4)
        s.node(x, 166, 144, 76, ["BOT", t(lang, "感染PC", "infected")], "bad", "bug")
        s.arrow(x + 72, 242, x + 72, 318, "25" if i == 0 else None, "bad", label_dx=8, label_dy=6)
        s.node(x, 320, 144, 84, [t(lang, "受取人の", "Recipient's"), t(lang, "メール", "mail"), t(lang, "サーバー", "server")], "server")
    return s


def op25b(lang):
    s = Svg(480, 470, t(lang, "OP25Bのしくみ", "How OP25B works"))
    s.region(6, 8, 468, 150, t(lang, "プロバイダの回線(OP25Bあり)", "Provider's lines (OP25B applies)"))
    s.node(20, 48, 206, 92, [t(lang, "あなたのPC", "Your PC"), t(lang, "メールソフト", "mail program")], "pc", "pc")
    s.node(254, 48, 206, 92, [t(lang, "感染したPC", "Infected PC"), "(BOT)"], "bad", "bug")
    # Port 25 to outside: blocked at the edge of the provider's network.
    s.arrow(70, 140, 70, 282, "25", "blocked", label_dx=-50, label_dy=-10, mark_at=0.15)
    s.arrow(150, 140, 150, 282, t(lang, "587+認証", "587 + AUTH"), "ok", label_dx=8, label_dy=24, mark_at=0.15)
    s.arrow(356, 140, 356, 282, "25", "blocked", label_dx=10, label_dy=24, mark_at=0.15)
    s.node(20, 284, 206, 92, [t(lang, "西院ネットワークス", "Saiin Networks"), t(lang, "送信サーバー", "sending server")], "ours", "server")
    s.node(254, 284, 206, 92, [t(lang, "相手の", "Recipient's"), t(lang, "メールサーバー", "mail server")], "server", "server")
    s.path([(123, 376), (123, 410), (357, 410), (357, 378)], "ok")
    s.mark(240, 410, "yes")
    s.label(240, 452, t(lang, "25(サーバー間の配送は続く)", "25 (server to server goes on)"), "#2e8540", anchor="middle")
    return s


SCENES = [("1-normal-sending", normal), ("2-spam-via-provider", spam_via_provider),
          ("3-own-server", own_server), ("4-bots", bots), ("5-op25b", op25b)]

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in SCENES:
        for lang in ("ja", "en"):
            draw(lang).write(f"{name}.{lang}.svg")
    print(f"wrote {len(SCENES) * 2} diagrams to {OUT}")
