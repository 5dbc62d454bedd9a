/**
 * A QR code drawn as SVG from uqr's encoding (a maintained, dependency-free encoder): rendered here,
 * nothing leaves the machine. Dark modules on white whatever the colour scheme, with the four-module
 * quiet zone the standard asks for, so phone cameras read it from a screen across the table.
 */
import { useMemo } from 'react';
import { encode } from 'uqr';

/** One path of unit squares for the dark modules, row by row (runs merged). */
export function qrPath(data: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  });
  return parts.join('');
}

export function QrCode({ value, label, size = 220 }: { value: string; label: string; size?: number }) {
  const qr = useMemo(() => encode(value, { ecc: 'M', border: 4 }), [value]);
  return (
    <svg className="qr-code" width={size} height={size} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      <path d={qrPath(qr.data)} fill="#000000" />
    </svg>
  );
}
