import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

// The window's size, position and maximised state, remembered between runs and brought back onto a screen
// that exists now (a laptop undocked from its second monitor must not open the window off-screen).

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof stateSchema>;

export const DEFAULT_SIZE = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 900, height: 600 };
/** How much of the title bar must be on a screen for the window to count as visible there. */
const GRIP = 100;

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * Where to open the window. `workAreas` are the screens' usable areas (without taskbar / dock), the primary
 * first. A saved window whose title bar is still reachable on some screen keeps its place (shrunk to fit that
 * screen); otherwise it is centred on the primary screen. No saved state: the default size, centred.
 */
export function restoreBounds(saved: WindowState | null, workAreas: Rect[]): Rect & { maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const fit = (size: { width: number; height: number }, area: Rect) => ({
    width: Math.max(Math.min(size.width, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(size.height, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  const centred = (size: { width: number; height: number }, area: Rect) => {
    const { width, height } = fit(size, area);
    return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
  };
  if (!saved) return { ...centred(DEFAULT_SIZE, primary), maximized: false };

  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(40, saved.height) };
  const home = workAreas.find((area) => {
    const seen = overlap(titleBar, area);
    return seen !== null && seen.width >= Math.min(GRIP, saved.width) && seen.height > 0;
  });
  if (!home) return { ...centred(saved, primary), maximized: saved.maximized };
  const { width, height } = fit(saved, home);
  // Shrunk to the screen, then nudged inside it.
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - height);
  return { x, y, width, height, maximized: saved.maximized };
}

/** The saved state, or null when there is none or it is unreadable (then the defaults apply). */
export function readWindowState(path: string): WindowState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written whole then renamed, so a crash mid-write leaves the previous state. */
export function writeWindowState(path: string, state: WindowState): void {
  const clean = stateSchema.parse({
    ...state,
    x: Math.round(state.x),
    y: Math.round(state.y),
    width: Math.round(state.width),
    height: Math.round(state.height),
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(clean));
  renameSync(`${path}.tmp`, path);
}
