-- Reverse-DNS suffixes from the seed, for databases seeded before the seed had them.
-- Only rows still as seeded (version 1, changed by nobody but the seed) get them; a staff edit is never overwritten.
-- The folded search text gains them too, as ProviderStore.SearchText would build it.
UPDATE providers SET rdns_suffixes = 'plala.or.jp', search_text = search_text || ' plala.or.jp'
WHERE name_ja = 'ぷらら' AND version = 1 AND updated_by = 'seed' AND rdns_suffixes = '';
UPDATE providers SET rdns_suffixes = 'ocn.ne.jp', search_text = search_text || ' ocn.ne.jp'
WHERE name_ja = 'OCN' AND version = 1 AND updated_by = 'seed' AND rdns_suffixes = '';
UPDATE providers SET rdns_suffixes = 'infoweb.ne.jp', search_text = search_text || ' infoweb.ne.jp'
WHERE name_ja = '@nifty' AND version = 1 AND updated_by = 'seed' AND rdns_suffixes = '';
UPDATE providers SET rdns_suffixes = 'bbtec.net', search_text = search_text || ' bbtec.net'
WHERE name_ja = 'Yahoo! BB' AND version = 1 AND updated_by = 'seed' AND rdns_suffixes = '';
UPDATE providers SET rdns_suffixes = 'jcom.home.ne.jp zaq.ne.jp', search_text = search_text || ' jcom.home.ne.jp zaq.ne.jp'
WHERE name_ja = 'J:COM' AND version = 1 AND updated_by = 'seed' AND rdns_suffixes = '';
