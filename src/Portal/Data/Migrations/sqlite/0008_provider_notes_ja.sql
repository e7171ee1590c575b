-- Japanese notes for the seed rows, shown under 「備考」 on Japanese pages (the notes column stays English).
-- Only rows still as seeded (version 1, changed by nobody but the seed, no Japanese notes yet) get them;
-- a staff edit is never overwritten.
ALTER TABLE providers ADD COLUMN notes_ja TEXT NOT NULL DEFAULT '' CHECK (length(notes_ja) <= 4000);

UPDATE providers SET notes_ja = '2005年4月22日付の最初のお知らせで、OP25Bを導入済みのプロバイダーとして掲載しました。プランやコースによっては遮断されていない場合があります。'
WHERE name_ja = 'WAKWAK' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Listed as applying OP25B on 2005-04-22 in the original notice; some plans or courses may not be blocked.';
UPDATE providers SET notes_ja = '2005年4月22日付の最初のお知らせで、OP25Bを導入済みのプロバイダーとして掲載しました。プランやコースによっては遮断されていない場合があります。'
WHERE name_ja = 'ぷらら' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Listed as applying OP25B on 2005-04-22 in the original notice; some plans or courses may not be blocked.';
UPDATE providers SET notes_ja = '2005年4月22日付の最初のお知らせで、OP25Bを導入済みのプロバイダーとして掲載しました。プランやコースによっては遮断されていない場合があります。'
WHERE name_ja = 'SANNET' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Listed as applying OP25B on 2005-04-22 in the original notice; some plans or courses may not be blocked.';
UPDATE providers SET notes_ja = '2005年4月22日付の最初のお知らせで、OP25Bを導入済みのプロバイダーとして掲載しました。プランやコースによっては遮断されていない場合があります。'
WHERE name_ja = 'WITHNET' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Listed as applying OP25B on 2005-04-22 in the original notice; some plans or courses may not be blocked.';
UPDATE providers SET notes_ja = '2005年4月22日付の最初のお知らせで、OP25Bを導入済みのプロバイダーとして掲載しました。プランやコースによっては遮断されていない場合があります。'
WHERE name_ja = 'インターネット大阪' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Listed as applying OP25B on 2005-04-22 in the original notice; some plans or courses may not be blocked.';
UPDATE providers SET notes_ja = '2004年11月から携帯電話会社宛てのメールを、2007年7月からパソコン宛てのメールも遮断。465番(SMTPS-AUTH)を提供しています。'
WHERE name_ja = 'OCN' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Mail to mobile carriers blocked from Nov 2004; PC-bound mail from Jul 2007; offers SMTPS-AUTH on 465.';
UPDATE providers SET notes_ja = '2006年5月ごろの導入を発表しました。'
WHERE name_ja = '@nifty' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Introduction announced for around May 2006.';
UPDATE providers SET notes_ja = '2006年6月1日からOP25Bを導入し、6月15日から587番ポートを提供しています。'
WHERE name_ja = 'SpinNet' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'OP25B from 1 Jun 2006; port 587 offered from 15 Jun 2006.';
UPDATE providers SET notes_ja = '2006年8月にOP25Bを導入しました。'
WHERE name_ja = 'Yahoo! BB' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'OP25B introduced Aug 2006.';
UPDATE providers SET notes_ja = '2006年6月から携帯電話宛てのメールを、2006年10月から全回線で遮断しています。'
WHERE name_ja = 'ODN' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Mobile-bound mail from Jun 2006; all ISP lines from Oct 2006.';
UPDATE providers SET notes_ja = 'SSLで暗号化する送信ポート465番を推奨しています。'
WHERE name_ja = 'J:COM' AND version = 1 AND updated_by = 'seed' AND notes_ja = '' AND notes = 'Recommends the SSL submission port 465.';
