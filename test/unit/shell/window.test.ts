/** The window factory's options and the remembered window state. */
import { describe, expect, it } from 'vitest';
import { closeAction, MIN_WINDOW_SIZE, mainWindowOptions, SECURE_WEB_PREFERENCES } from '../../../electron/main/policy/window-options';
import { parseSavedWindowState, restoreWindowState, windowStateToSave } from '../../../electron/main/policy/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 877 };
const external = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('mainWindowOptions', () => {
  it('always carries the secure web preferences and only the preload besides', () => {
    const options = mainWindowOptions({
      bounds: { width: 1000, height: 700 },
      preload: '/app/out/preload/index.cjs',
      platform: 'darwin',
      darkMode: false,
    });
    expect(options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
    });
    expect(options.show).toBe(false);
    expect(options.minWidth).toBe(MIN_WINDOW_SIZE.width);
  });

  it('sets the window icon on Linux only, and a dark background in dark mode', () => {
    expect(
      mainWindowOptions({ bounds: { width: 1000, height: 700 }, preload: 'p', platform: 'linux', icon: '/i.png', darkMode: true }),
    ).toMatchObject({ icon: '/i.png', backgroundColor: '#0e1116' });
    expect(
      mainWindowOptions({ bounds: { width: 1000, height: 700 }, preload: 'p', platform: 'win32', icon: '/i.png', darkMode: false }),
    ).not.toHaveProperty('icon');
  });
});

describe('closeAction', () => {
  it('hides on macOS unless quitting, closes elsewhere', () => {
    expect(closeAction({ platform: 'darwin', quitting: false })).toBe('hide');
    expect(closeAction({ platform: 'darwin', quitting: true })).toBe('close');
    expect(closeAction({ platform: 'win32', quitting: false })).toBe('close');
    expect(closeAction({ platform: 'linux', quitting: false })).toBe('close');
  });
});

describe('window state', () => {
  it('opens at the default size, placed by the OS, the first time', () => {
    expect(restoreWindowState(null, [laptop])).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false, fullScreen: false });
  });

  it('restores position, size and maximised state when still on a display', () => {
    const saved = parseSavedWindowState(
      JSON.stringify({ x: 1500, y: -100, width: 1600, height: 1000, maximized: true, fullScreen: false }),
    );
    expect(restoreWindowState(saved, [laptop, external])).toEqual({
      bounds: { x: 1500, y: -100, width: 1600, height: 1000 },
      maximized: true,
      fullScreen: false,
    });
  });

  it('lets the OS place a window whose display is gone, sized to fit the primary display', () => {
    const saved = parseSavedWindowState(JSON.stringify({ x: 1500, y: -100, width: 2400, height: 1300 }));
    expect(restoreWindowState(saved, [laptop])).toEqual({ bounds: { width: 1440, height: 877 }, maximized: false, fullScreen: false });
  });

  it('pulls a partly off-screen window back and keeps the minimum size', () => {
    const saved = parseSavedWindowState(JSON.stringify({ x: 1300, y: 700, width: 500, height: 300 }));
    expect(restoreWindowState(saved, [laptop])).toEqual({
      bounds: { x: 540, y: 277, width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height },
      maximized: false,
      fullScreen: false,
    });
  });

  it('ignores a damaged or foreign file', () => {
    for (const json of ['not json', '{"x":"left"}', '[]', 'null', '{"x":1,"y":1,"width":-5,"height":10}'])
      expect(parseSavedWindowState(json), json).toBeNull();
    expect(parseSavedWindowState(null)).toBeNull();
  });

  it('saves the normal bounds, rounded, with the flags', () => {
    expect(windowStateToSave({ x: 10.4, y: 20.6, width: 1000.2, height: 700 }, { maximized: true, fullScreen: false })).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 700,
      maximized: true,
      fullScreen: false,
    });
  });
});
