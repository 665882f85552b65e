import { withBuildOptions } from './wxt-variant';

/** The normal build with source maps, so the bench can say which modules the content script is made of. */
export default withBuildOptions({ sourcemap: true });
