// `npm start`: the workbook gallery on http://localhost:8000, every workbook ready to edit.
import { devPlugins } from './scripts/dev-plugins.mjs';

export default {
  port: Number(process.env.PORT ?? 8000),
  hostname: process.env.HOST ?? 'localhost',
  rootDir: '.',
  nodeResolve: { exportConditions: ['browser', 'production'] },
  watch: false,
  open: false,
  plugins: devPlugins(),
};
