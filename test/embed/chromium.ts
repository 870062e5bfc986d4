// Debian's Chromium driven by puppeteer-core, for tests that need a page served by something
// other than the test runner (the built bundle on a static server). No tool downloads a browser.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, executablePath } from '../../scripts/chromium.mjs';

export { executablePath };

export function launch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: chromiumArgs,
  });
}

/** Fails the test on any error the page logs or throws, rather than letting it pass unseen. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}
