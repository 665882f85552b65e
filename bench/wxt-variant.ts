import base from '../wxt.config';

/** The normal build (wxt.config.ts) with some of Vite's build options changed, for the bench's own builds. */
export function withBuildOptions(build: Record<string, unknown>): typeof base {
  return {
    ...base,
    vite: (env: Parameters<Extract<typeof base.vite, Function>>[0]) => {
      const vite = typeof base.vite === 'function' ? base.vite(env) : {};
      return { ...vite, build: { ...(vite as { build?: object }).build, ...build } };
    },
  };
}
