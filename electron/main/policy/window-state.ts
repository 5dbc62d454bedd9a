/**
 * Remembering the window's size and position between launches, safely: the saved state is
 * validated (a damaged file is ignored), and it is only reused when the window would still be
 * reachable on one of today's displays (a monitor may have been unplugged). The size is kept
 * within the minimum and the display's work area. Pure: displays are passed in.
 */
import { z } from 'zod';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from './window-options';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Position is omitted when the OS should place the window (first launch, display gone). */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const SavedWindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type SavedWindowState = z.infer<typeof SavedWindowState>;

export interface RestoredWindow {
  bounds: WindowBounds;
  maximized: boolean;
  fullScreen: boolean;
}

/** How much of the window must overlap a display's work area to count as reachable. */
const MIN_VISIBLE = 64;

export function parseSavedWindowState(json: string | null): SavedWindowState | null {
  if (json === null) return null;
  try {
    const parsed = SavedWindowState.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function clampSize(width: number, height: number, area: Rect | undefined): { width: number; height: number } {
  const maxWidth = area ? Math.max(area.width, MIN_WINDOW_SIZE.width) : Number.POSITIVE_INFINITY;
  const maxHeight = area ? Math.max(area.height, MIN_WINDOW_SIZE.height) : Number.POSITIVE_INFINITY;
  return {
    width: Math.min(Math.max(width, MIN_WINDOW_SIZE.width), maxWidth),
    height: Math.min(Math.max(height, MIN_WINDOW_SIZE.height), maxHeight),
  };
}

/**
 * The bounds to open with. `workAreas` are the displays' work areas; the first is the primary
 * display, which sizes a window that has to be placed afresh.
 */
export function restoreWindowState(saved: SavedWindowState | null, workAreas: readonly Rect[]): RestoredWindow {
  const primary = workAreas[0];
  if (saved) {
    const host = workAreas.find((area) => {
      const o = overlap(saved, area);
      return o.width >= MIN_VISIBLE && o.height >= MIN_VISIBLE;
    });
    if (host) {
      const size = clampSize(saved.width, saved.height, host);
      // Pull the window back inside the display if resizing left its title bar outside.
      const x = Math.min(Math.max(saved.x, host.x), host.x + host.width - size.width);
      const y = Math.min(Math.max(saved.y, host.y), host.y + host.height - size.height);
      return { bounds: { x, y, ...size }, maximized: saved.maximized, fullScreen: saved.fullScreen };
    }
    return { bounds: clampSize(saved.width, saved.height, primary), maximized: saved.maximized, fullScreen: false };
  }
  return { bounds: clampSize(DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height, primary), maximized: false, fullScreen: false };
}

/** What to save: the normal (un-maximised) bounds, so restoring and un-maximising both work. */
export function windowStateToSave(normalBounds: Rect, flags: { maximized: boolean; fullScreen: boolean }): SavedWindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized: flags.maximized,
    fullScreen: flags.fullScreen,
  };
}
