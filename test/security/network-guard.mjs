// The browser half of "no network request was made to anything but the test server", for the
// whole browser suite: every page the test runner opens is watched through the DevTools
// protocol (puppeteer's "request" event: fetches, images, styles, scripts, frames, prefetches),
// and each request to anywhere else is a failure that the summary line counts. A test page can
// also ask for the list so far (command "gs-offsite-requests").
//
// The same plugin hands FC_RUNS to the property tests in the browser (command "gs-fc-runs").

const localHosts = /^(localhost|127(\.\d+){3}|\[::1\])$/;

/** Is this URL the test server, or no network at all? */
export function isLocalUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(u.protocol)) return true;
  return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && localHosts.test(u.hostname);
}

export function networkGuard() {
  const offsite = [];
  return {
    /** Watches a page (from the launcher's createPage) and returns it. */
    watch(page) {
      page.on('request', (request) => {
        const url = request.url();
        if (!isLocalUrl(url)) offsite.push(`${url} (requested by ${page.url()})`);
      });
      return page;
    },
    plugin: {
      name: 'gradsheet-network-guard',
      executeCommand({ command }) {
        if (command === 'gs-offsite-requests') return [...offsite];
        if (command === 'gs-fc-runs') return process.env.FC_RUNS ? Number(process.env.FC_RUNS) : null;
        return undefined;
      },
    },
    /** Every off-site request so far, as a failure line. */
    failures: () => offsite.map((r) => `a request left the test server: ${r}`),
  };
}
