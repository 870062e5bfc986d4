// What the page's address asks for (`?answers`, `?present=2`), read once per address: every
// cell asks on every render, and parsing the query string each time showed in an edit's profile.

let search: string | undefined;
let params = new URLSearchParams();

/** The page's query parameters (none outside a page). */
export function addressParams(): URLSearchParams {
  const now = typeof location === 'undefined' ? '' : location.search;
  if (now !== search) {
    search = now;
    params = new URLSearchParams(now);
  }
  return params;
}
