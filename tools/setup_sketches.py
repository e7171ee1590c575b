#!/usr/bin/env python3
"""Draws the setup guides' sketches: where the outgoing-server settings sit in each mail program.
Schematic, drawn for this site (no screenshots of other companies' programs). One description per program,
Japanese and English labels. Run: python3 tools/setup_sketches.py  (writes wwwroot/img/setup/*.svg)"""
from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "wwwroot" / "img" / "setup"
HOST = {"ja": "(このページの送信サーバー名)", "en": "(the server name on this page)"}

# program: (window title, path to the dialog, [(label, value, highlighted)])
SKETCHES = {
    "outlook": {
        "ja": ("クラシックOutlook: インターネット電子メール設定", "ファイル › アカウント設定 › 変更 › 詳細設定",
               [("送信サーバー (SMTP)", HOST["ja"], False), ("送信サーバー (SMTP) は認証が必要", "☑", True),
                ("送信サーバー (SMTP) のポート", "465", True), ("使用する暗号化接続の種類", "SSL/TLS", True)]),
        "en": ("Classic Outlook: Internet E-mail Settings", "File › Account Settings › Change › More Settings",
               [("Outgoing server (SMTP)", HOST["en"], False), ("My outgoing server (SMTP) requires authentication", "☑", True),
                ("Outgoing server (SMTP) port", "465", True), ("Use the following type of encrypted connection", "SSL/TLS", True)]),
    },
    "thunderbird": {
        "ja": ("Thunderbird: 送信 (SMTP) サーバー", "設定 › アカウント設定 › 送信 (SMTP) サーバー › 編集",
               [("サーバー名", HOST["ja"], False), ("ポート番号", "465", True), ("接続の保護", "SSL/TLS", True),
                ("認証方式", "通常のパスワード認証", True), ("ユーザー名", "taro@…", False)]),
        "en": ("Thunderbird: Outgoing Server (SMTP)", "Settings › Account Settings › Outgoing Server (SMTP) › Edit",
               [("Server Name", HOST["en"], False), ("Port", "465", True), ("Connection security", "SSL/TLS", True),
                ("Authentication method", "Normal password", True), ("User Name", "taro@…", False)]),
    },
    "iphone": {
        "ja": ("iPhone/iPad: 送信メールサーバー SMTP", "設定 › アプリ › メール › メールアカウント › アカウント › SMTP",
               [("ホスト名", HOST["ja"], False), ("ユーザ名", "taro@…", False), ("SSLを使用", "オン", True),
                ("認証", "パスワード", True), ("サーバポート", "465", True)]),
        "en": ("iPhone/iPad: Outgoing Mail Server SMTP", "Settings › Apps › Mail › Mail Accounts › Account › SMTP",
               [("Host Name", HOST["en"], False), ("User Name", "taro@…", False), ("Use SSL", "On", True),
                ("Authentication", "Password", True), ("Server Port", "465", True)]),
    },
    "mac": {
        "ja": ("Mac「メール」: 送信用メールサーバ (SMTP)", "メール › 設定 › アカウント › サーバ設定",
               [("ホスト名", HOST["ja"], False), ("接続設定を自動的に管理", "☐ (オフ)", True), ("ポート", "465", True),
                ("TLS/SSLを使用", "☑", True), ("認証", "パスワード", True)]),
        "en": ("Mac Mail: Outgoing Mail Server (SMTP)", "Mail › Settings › Accounts › Server Settings",
               [("Host Name", HOST["en"], False), ("Automatically manage connection settings", "☐ (off)", True), ("Port", "465", True),
                ("Use TLS/SSL", "☑", True), ("Authentication", "Password", True)]),
    },
    "android": {
        "ja": ("Gmailアプリ: 送信サーバーの設定", "設定 › アカウント › 送信サーバーの設定",
               [("ログインが必要です", "☑", True), ("ユーザー名", "taro@…", False), ("SMTPサーバー", HOST["ja"], False),
                ("ポート", "465", True), ("セキュリティの種類", "SSL/TLS", True)]),
        "en": ("Gmail app: Outgoing server settings", "Settings › account › Outgoing settings",
               [("Require signin", "☑", True), ("Username", "taro@…", False), ("SMTP server", HOST["en"], False),
                ("Port", "465", True), ("Security type", "SSL/TLS", True)]),
    },
}


def svg(title, path, fields, lang):
    width, row = 480, 56
    height = 100 + row * len(fields) + 24
    font = "'Noto Sans CJK JP','Hiragino Sans',sans-serif"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" font-family="{font}">',
           f'<title>{escape(title)}</title>',
           f'<rect x="1" y="1" width="{width-2}" height="{height-2}" rx="10" fill="#fff" stroke="#5a6270" stroke-width="2"/>',
           f'<rect x="1" y="1" width="{width-2}" height="40" rx="10" fill="#e7ebf0"/>',
           f'<rect x="1" y="30" width="{width-2}" height="11" fill="#e7ebf0"/>',
           '<circle cx="22" cy="21" r="6" fill="#d9534f"/><circle cx="40" cy="21" r="6" fill="#f0ad4e"/><circle cx="58" cy="21" r="6" fill="#5cb85c"/>',
           f'<text x="74" y="27" font-size="16" font-weight="700" fill="#1b1b1b">{escape(title)}</text>',
           f'<text x="16" y="68" font-size="15" fill="#5a6270">{escape(path)}</text>']
    y = 86
    for label, value, hot in fields:
        if hot:
            out.append(f'<rect x="10" y="{y}" width="{width-20}" height="{row-6}" rx="6" fill="#fff3c4" stroke="#e0a800" stroke-width="2"/>')
        out.append(f'<text x="20" y="{y+19}" font-size="17" fill="#1b1b1b">{escape(label)}</text>')
        out.append(f'<rect x="20" y="{y+25}" width="{width-40}" height="22" rx="3" fill="#f7f8fa" stroke="#c4cad3"/>')
        out.append(f'<text x="26" y="{y+42}" font-size="16" fill="#074f4f" font-weight="700">{escape(value)}</text>')
        y += row
    note = "黄色の項目を確かめます" if lang == "ja" else "Check the yellow fields"
    out.append(f'<text x="{width-16}" y="{height-10}" font-size="14" fill="#5a6270" text-anchor="end">{note}</text>')
    out.append('</svg>')
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, langs in SKETCHES.items():
        for lang, (title, path, fields) in langs.items():
            (OUT / f"{name}.{lang}.svg").write_text(svg(title, path, fields, lang), encoding="utf-8")
    print(f"wrote {len(SKETCHES) * 2} sketches to {OUT}")
