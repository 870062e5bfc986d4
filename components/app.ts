// The gallery page's script (index.html): every element, and live reload while `npm start` runs.
// The dev server serves this file bundled (scripts/dev-plugins.mjs, appBundlePlugin).
import './index.ts';
import { followWorkbookChanges } from './live-reload.ts';

followWorkbookChanges();
