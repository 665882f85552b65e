import base from '../wxt.config';

/** The normal build with source maps, so the bench can say which modules the content script is made of. */
export default { ...base, vite: (env: Parameters<Extract<typeof base.vite, Function>>[0]) => {
  const vite = typeof base.vite === 'function' ? base.vite(env) : {};
  return { ...vite, build: { ...(vite as { build?: object }).build, sourcemap: true } };
} };
