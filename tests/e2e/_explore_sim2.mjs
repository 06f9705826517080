import { startServer, launchBrowser, openPage, screenshot, waitForApp, screenshotDir } from './support.mjs';
import path from 'node:path';
const server = await startServer();
const browser = await launchBrowser();
const scheme = process.argv[2] ?? 'light';
const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
await page.goto(`${server.url}#/simulator`);
await waitForApp(page);
const preset = process.argv[3];
if (preset) await page.getByRole('radio', { name: preset }).check();
await page.getByRole('button', { name: 'Run simulation' }).click();
await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 60000 });
for (const name of ['Outcome', 'By target', 'Timeline', 'Metrics', 'Dead-letter queue', 'Event drill-down']) {
  const region = page.getByRole('region', { name, exact: true });
  await region.screenshot({ path: path.join(screenshotDir, `x-${scheme}-${name.replace(/\W+/g, '-')}.png`) });
}
console.log(problems);
await context.close(); await browser.close(); await server.close();
