import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

// Lighthouse's mobile preset (its default: a mid-range phone on a slow 4G line, simulated) in
// Debian's Chromium; nothing is downloaded.
export async function lighthouseScores(origin: string, paths: string[]) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const scores: { path: string; performance: number; accessibility: number; bestPractices: number; seo: number }[] = [];
  try {
    for (const path of paths) {
      const result = await lighthouse(`${origin}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      const c = result?.lhr.categories;
      const score = (name: string) => Math.round((c?.[name]?.score ?? 0) * 100);
      scores.push({
        path,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
      });
      const failed = Object.values(result?.lhr.audits ?? {}).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary');
      if (failed.length) console.error(`  lighthouse ${path}: not passed: ${failed.map((a) => a.id).join(', ')}`);
    }
  } finally {
    chrome.kill();
  }
  return scores;
}
