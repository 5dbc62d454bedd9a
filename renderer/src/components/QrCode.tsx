/**
 * A QR code drawn as SVG from uqr's encoding (a maintained, dependency-free encoder): rendered here,
 * nothing leaves the machine. Dark modules on white whatever the colour scheme, with the four-module
 * quiet zone the standard asks for, so phone cameras read it from a screen across the table.
 */
import { useMemo } from 'react';
import { encode } from 'uqr';
import { qrPath } from './qr-path';

export function QrCode({ value, label, size = 220 }: { value: string; label: string; size?: number }) {
  const qr = useMemo(() => encode(value, { ecc: 'M', border: 4 }), [value]);
  return (
    <svg
      className="qr-code"
      width={size}
      height={size}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      <path d={qrPath(qr.data)} fill="#000000" />
    </svg>
  );
}
