import type { AnchorGroup } from '../../lib/library/library-index';
import { describeSecrets } from '../../lib/model/secrets';

/**
 * What looks like a secret in any version of a group (kind, field, masked snippet); computed for
 * visible rows only, once per group.
 */
const cache = new WeakMap<AnchorGroup, string[]>();

export function groupSecrets(group: AnchorGroup): string[] {
  let found = cache.get(group);
  if (!found) {
    found = [...new Set(group.versions.flatMap((version) => describeSecrets(version)))];
    cache.set(group, found);
  }
  return found;
}

export function secretTitle(found: string[]): string {
  return `Holds what looks like a secret: ${found.join('; ')}. Think twice before copying or exporting it; edit it out if you can.`;
}
