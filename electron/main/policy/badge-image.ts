/**
 * The Windows taskbar overlay (the "unread" dot) drawn as raw pixels, so the app ships no extra
 * image and the dot is crisp at any size: a filled, anti-aliased red circle with a thin white ring,
 * in premultiplied BGRA as nativeImage.createFromBuffer expects. Pure.
 */
const RED = { r: 0xd9, g: 0x30, b: 0x25 };
const WHITE = { r: 0xff, g: 0xff, b: 0xff };
const SUBSAMPLES = 4;

export function badgeBitmap(size = 32): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  const outer = size / 2;
  const inner = outer - Math.max(1, size / 16);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let ring = 0;
      let fill = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          const d = Math.hypot(x + (sx + 0.5) / SUBSAMPLES - centre, y + (sy + 0.5) / SUBSAMPLES - centre);
          if (d <= inner) fill += 1;
          else if (d <= outer) ring += 1;
        }
      }
      const samples = SUBSAMPLES * SUBSAMPLES;
      const alpha = (ring + fill) / samples;
      // Premultiplied colour: each component already scaled by its own coverage.
      const r = (RED.r * fill + WHITE.r * ring) / samples;
      const g = (RED.g * fill + WHITE.g * ring) / samples;
      const b = (RED.b * fill + WHITE.b * ring) / samples;
      const offset = (y * size + x) * 4;
      pixels[offset] = Math.round(b);
      pixels[offset + 1] = Math.round(g);
      pixels[offset + 2] = Math.round(r);
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}
