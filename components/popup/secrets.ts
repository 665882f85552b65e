import type { AnchorGroup } from '../../lib/library-index';
import { findSecrets } from '../../lib/secrets';

/** Kinds of secret in any version of a group; computed for visible rows only, once per group. */
const cache = new WeakMap<AnchorGroup, string[]>();

export function groupSecrets(group: AnchorGroup): string[] {
  let kinds = cache.get(group);
  if (!kinds) {
    kinds = [...new Set(group.versions.flatMap((version) => findSecrets(version)))];
    cache.set(group, kinds);
  }
  return kinds;
}

export function secretTitle(kinds: string[]): string {
  return `Holds what looks like a secret (${kinds.join(', ')}). Think twice before copying or exporting it; edit it out if you can.`;
}
