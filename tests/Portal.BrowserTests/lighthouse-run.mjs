// Runs Lighthouse (npm lighthouse, pinned by scripts/install-test-deps.sh) on pages of a running portal, in Debian's
// Chromium, with the desktop preset and the default (mobile) one, for accessibility, best practices and SEO.
// Usage: node lighthouse-run.mjs BASE_URL PATH...   Prints one JSON array: per page and preset, the three scores
// (0-100) and every audit of those categories that did not pass.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const [base, ...paths] = process.argv.slice(2);
const categories = ['accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  // Loopback only: every other host name resolves to nothing, as in the other browser tests.
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.*, EXCLUDE [::1]'],
});
const results = [];
try {
  for (const preset of ['desktop', 'mobile']) {
    for (const path of paths) {
      const run = await lighthouse(base + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories },
        preset === 'desktop' ? desktopConfig : undefined);
      const lhr = run.lhr;
      const failing = [];
      for (const id of categories) {
        for (const ref of lhr.categories[id].auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) failing.push(`${id}/${ref.id}: ${audit.title}`);
        }
      }
      results.push({
        path, preset, runtimeError: lhr.runtimeError?.message ?? null,
        scores: Object.fromEntries(categories.map(id => [id, Math.round((lhr.categories[id].score ?? 0) * 100)])),
        failing,
      });
    }
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results));
