import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const IGNORED = new Set(['node_modules', 'dist', '.vite']);

/** Newest modification time (ms) of the files under `dir`, skipping node_modules and build output. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (IGNORED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/**
 * Whether the web app must be (re)built: its dist/index.html is missing, or older than any of its sources
 * (src/, index.html, vite config, package.json, public/...) or than the shared domain package it imports.
 */
export function webBuildNeeded(webDir: string, extraSourceDirs: string[] = []): boolean {
  const built = path.join(webDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = [webDir, ...extraSourceDirs].filter((dir) => existsSync(dir));
  return sources.some((dir) => newestMtime(dir) > builtAt);
}
