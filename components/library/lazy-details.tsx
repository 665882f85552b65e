import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ProjectDetails } from './ProjectDetails';

type Props = Parameters<typeof ProjectDetails>[0];

let loading: Promise<FunctionComponent<Props>> | undefined;
const load = () => (loading ??= import('./ProjectDetails').then((m) => m.ProjectDetails));

/**
 * A card's details (the lineage, the tags editor) load with the first card opened, not with the
 * board: the board paints with less script.
 */
export function LazyProjectDetails(props: Props) {
  const [Details, setDetails] = useState<FunctionComponent<Props> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(
      (component) => setDetails(() => component),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  if (error) return <p class="error" role="alert">The details could not be shown: {error}</p>;
  return Details ? <Details {...props} /> : <p class="muted">Opening the details…</p>;
}
