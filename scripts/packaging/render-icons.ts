/**
 * `npm run icons`: renders resources/icon.svg into the PNGs the packages use, with Chromium
 * (playwright-core driving the system's Chromium; no ImageMagick needed): resources/icon.png at
 * 1024 px (electron-builder derives the macOS .icns and the Windows .ico from it) and the Linux
 * icon set in resources/icons/<size>x<size>.png. The PNGs are committed; rerun after editing the SVG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resources = path.join(root, 'resources');
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    const render = async (size: number, file: string): Promise<void> => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
      );
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    };
    await render(1024, path.join(resources, 'icon.png'));
    fs.mkdirSync(path.join(resources, 'icons'), { recursive: true });
    for (const size of LINUX_ICON_SIZES) await render(size, path.join(resources, 'icons', `${size}x${size}.png`));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not render the icons: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
