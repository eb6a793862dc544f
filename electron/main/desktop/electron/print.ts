import { BrowserWindow } from 'electron';

// The one Electron call behind "Save as PDF": the window prints itself with its print stylesheet (print media),
// on A4 with its backgrounds. Which window, what file and which words are decided elsewhere (../pdf.ts).

export async function printWindowToPdf(): Promise<Uint8Array> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('There is no window to print.');
  return window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
}
