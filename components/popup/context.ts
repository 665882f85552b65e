import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';

/** What any popup component may ask of the app shell, without threading callbacks through rows. */
export interface PopupApi {
  /** A line in the status area ('busy' shows progress); errors are announced assertively. */
  notify: (message: string, kind?: 'info' | 'error' | 'busy', details?: string[]) => void;
  /** Moves versions to the trash and offers Undo. */
  trash: (anchors: Anchor[], what: string) => void;
  /** Opens the edit form for a version. */
  edit: (anchor: Anchor) => void;
  /** Resumes a version in a new ChatGPT tab; a long text asks first unless `force`. */
  resume: (anchor: Anchor, force?: boolean) => void;
}

export const PopupApiContext = createContext<PopupApi | null>(null);

export function usePopupApi(): PopupApi {
  const api = useContext(PopupApiContext);
  if (!api) throw new Error('usePopupApi outside the popup');
  return api;
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
