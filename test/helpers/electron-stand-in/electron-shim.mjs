// The stand-in's ESM face: the names main imports from 'electron', taken from the one instance
// run-main.ts created (CommonJS `require('electron')` gets the same object). A name main starts to
// import and this file lacks fails at link time, loudly.
const electron = globalThis.__partnerDeskElectronStandIn;
if (!electron) throw new Error('The Electron stand-in was not installed (run-main.ts sets it up).');

export const {
  app,
  BrowserWindow,
  Menu,
  Notification,
  clipboard,
  dialog,
  ipcMain,
  nativeImage,
  nativeTheme,
  net,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
} = electron;
export default electron;
