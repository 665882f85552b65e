import { withBuildOptions } from './wxt-variant';

/**
 * The normal build, unminified, so a CPU profile names the content script's functions: the long
 * chat bench's `heaviest` and `hottest` (bench-results/bench.json) then say where its time went.
 * `WXT_OUT_DIR=/tmp/unminified npx wxt build -c bench/wxt.unminified.config.ts`, then run the bench
 * with `GPT_ANCHORS_EXTENSION_DIR=/tmp/unminified/chrome-mv3`.
 */
export default withBuildOptions({ minify: false });
