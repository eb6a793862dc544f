import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, readWindowState, restoreBounds, writeWindowState } from '../../../electron/main/desktop/window-state';

const laptop = { x: 0, y: 0, width: 1366, height: 728 }; // 1366×768 minus the taskbar
const monitorRight = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('where the window opens', () => {
  it('first run: the default size, centred on the primary screen', () => {
    expect(restoreBounds(null, [{ x: 0, y: 0, width: 1920, height: 1040 }])).toEqual({ x: 360, y: 120, ...DEFAULT_SIZE, maximized: false });
  });

  it('keeps the place and size the window had, maximised too', () => {
    const saved = { x: 1500, y: 100, width: 1000, height: 700, maximized: true };
    expect(restoreBounds(saved, [laptop, monitorRight])).toEqual(saved);
  });

  it('brings a window left on an unplugged monitor back to the laptop, keeping its size where it fits', () => {
    const saved = { x: 1500, y: 100, width: 1000, height: 700, maximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual({ x: 183, y: 14, width: 1000, height: 700, maximized: false });
  });

  it('shrinks a window larger than the screen and pulls a title bar above the screen back down', () => {
    const saved = { x: 100, y: -300, width: 2500, height: 1600, maximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('nudges a window hanging off the right edge fully onto the screen', () => {
    expect(restoreBounds({ x: 1200, y: 50, width: 1000, height: 700, maximized: false }, [laptop])).toMatchObject({ x: 366, y: 28 });
  });
});

describe('the saved state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relay-window-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips and ignores a damaged file', () => {
    const path = join(dir, 'window-state.json');
    expect(readWindowState(path)).toBeNull();
    writeWindowState(path, { x: 10.4, y: 20, width: 1000, height: 700, maximized: true });
    expect(readWindowState(path)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    writeFileSync(path, '{"x": "left"');
    expect(readWindowState(path)).toBeNull();
  });
});
