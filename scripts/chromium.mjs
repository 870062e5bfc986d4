// Debian's Chromium, as the tests, the benchmark and headless page runs start it: the machine's
// own binary (no tool downloads a browser) and the options that keep it quiet on a closed network.

export const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
];
