import { useSyncExternalStore } from 'react';

/** The contact chosen for previews, with the label the picker shows. */
export interface PreviewContact {
  id: number;
  label: string;
}

const STORAGE_KEY = 'relance.previewContact';

function stored(): PreviewContact | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as PreviewContact | null;
    return value && typeof value.id === 'number' && typeof value.label === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * One preview contact for every step of every campaign in this tab, kept across reloads (session storage): a
 * marketer checks the whole sequence for the same person without choosing them again in each step.
 */
let current: PreviewContact | null = typeof sessionStorage === 'undefined' ? null : stored();
const listeners = new Set<() => void>();

export function setPreviewContact(contact: PreviewContact | null): void {
  current = contact;
  try {
    if (contact) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(contact));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage refused (private mode, quota): the choice lasts until the page is left
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePreviewContact(): PreviewContact | null {
  return useSyncExternalStore(subscribe, () => current);
}
