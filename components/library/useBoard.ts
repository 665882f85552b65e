import { useEffect, useRef, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import { sameSummaries, staleDaysFrom, summarizeProjects, type ProjectSummary } from '../../lib/library/board';
import { watchChanges } from '../../lib/storage/changes';
import { readAllAnchors, readProjectSummaries, readResumes, readStoredSettings } from '../../lib/storage/db-read';
import type { ResumeRecord } from '../../lib/model/lineage';
import { loadActions } from './lazy';

/**
 * The board's data. It paints from the stored project summaries (lib/storage/db.ts keeps one per
 * project with every write: 200 small records instead of 10,000 anchors), then reads the whole
 * library and the lineage for the details and the tag view, and checks the summaries against it:
 * anchors written past lib/storage/db.ts (the tests' seeding) get their summaries rebuilt. All reads are
 * zod-free (lib/storage/db-read.ts) until the database must be created or upgraded.
 */

export type BoardData = {
  /** Per project, as stored (null until first read). */
  summaries: ProjectSummary[] | null;
  /** The whole library (trash included) and the lineage, once read after the first paint. */
  anchors: Anchor[] | null;
  resumes: ResumeRecord[];
  staleAfterDays: number;
  error: string | null;
};

type FirstRead = [ProjectSummary[] | null, Record<string, unknown> | null];
let firstRead: Promise<FirstRead> | undefined;

/** Starts reading the board before Preact renders anything (main.tsx calls it first thing). */
export function startFirstRead(): void {
  if (firstRead) return;
  performance.mark('board-read-start');
  firstRead = Promise.all([readProjectSummaries(), readStoredSettings()]).finally(() => performance.mark('board-read'));
}

const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function readSummaries(): Promise<ProjectSummary[]> {
  return (await readProjectSummaries()) ?? (await (await loadActions()).listProjectSummaries());
}

async function readStaleDays(): Promise<number> {
  const stored = await readStoredSettings();
  return stored ? staleDaysFrom(stored.staleAfterDays) : (await (await loadActions()).getSettings()).staleAfterDays;
}

async function readLibrary(): Promise<{ anchors: Anchor[]; resumes: ResumeRecord[] }> {
  const [anchors, resumes] = await Promise.all([readAllAnchors(), readResumes()]);
  if (anchors && resumes) return { anchors, resumes };
  const actions = await loadActions();
  return { anchors: await actions.listAllAnchors(), resumes: await actions.listResumes() };
}

export function useBoard(): BoardData {
  const [data, setData] = useState<BoardData>({ summaries: null, anchors: null, resumes: [], staleAfterDays: 7, error: null });
  const generation = useRef(0);

  useEffect(() => {
    const update = (change: Partial<BoardData>) => setData((now) => ({ ...now, ...change }));
    const fail = (error: unknown) => update({ error: `The library could not be read: ${message(error)}` });

    /** Reads the summaries (first from what main.tsx started), then the library, and checks one against the other. */
    const load = async (first: boolean) => {
      const mine = ++generation.current;
      const current = () => mine === generation.current;
      try {
        if (first) {
          startFirstRead();
          const [summaries, stored] = await firstRead!;
          const staleAfterDays = stored ? staleDaysFrom(stored.staleAfterDays) : await readStaleDays();
          update({ summaries: summaries ?? (await readSummaries()), staleAfterDays });
          await afterNextPaint(); // the big read competes for the CPU: let the board paint first
        } else {
          const summaries = await readSummaries();
          if (current()) update({ summaries });
        }
        const library = await readLibrary();
        if (!current()) return;
        const fresh = summarizeProjects(library.anchors);
        const stored = await readSummaries();
        if (!current()) return;
        update({ ...library, summaries: fresh, error: null });
        if (first) performance.mark('board-checked');
        if (!sameSummaries(stored, fresh)) {
          // Written past lib/storage/db.ts: the board shows the truth now, and keeps it for next time.
          void (await loadActions()).rebuildProjectSummaries().catch(fail);
        }
      } catch (error) {
        fail(error);
        update({ summaries: [] });
      }
    };

    void load(true);
    return watchChanges((kind) => {
      if (kind === 'anchors') void load(false);
      else if (kind === 'lineage') void readResumes().then((resumes) => resumes && update({ resumes }), fail);
      else if (kind === 'settings') void readStaleDays().then((staleAfterDays) => update({ staleAfterDays }), fail);
    });
  }, []);

  return data;
}

/** The clock the board reads, moved on every minute and when the page is shown again. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const timer = setInterval(tick, everyMs);
    const onVisible = () => document.visibilityState === 'visible' && tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [everyMs]);
  return now;
}
