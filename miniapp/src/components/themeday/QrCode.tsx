// A QR code drawn with plain Views (runs of dark modules per row), so it renders the same in weapp and H5 with no
// canvas API differences. The check-in code changes every 90 s; a few hundred Views redraw cheaply.
import { View } from '@tarojs/components';
import { create } from 'qrcode';
import { useMemo } from 'react';

interface Run {
  start: number;
  length: number;
}

function rows(text: string): { size: number; runs: Run[][] } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const runs: Run[][] = [];
  for (let y = 0; y < size; y++) {
    const row: Run[] = [];
    for (let x = 0; x < size; x++) {
      if (!modules.get(y, x)) continue;
      const last = row[row.length - 1];
      if (last && last.start + last.length === x) last.length++;
      else row.push({ start: x, length: 1 });
    }
    runs.push(row);
  }
  return { size, runs };
}

/** `widthPx`: the drawn size in CSS px (the quiet zone adds 4 modules each side). */
export default function QrCode({ text, widthPx = 240, id }: { text: string; widthPx?: number; id?: string }) {
  const { size, runs } = useMemo(() => rows(text), [text]);
  const cell = widthPx / (size + 8);
  return (
    <View id={id} style={{ width: `${widthPx}px`, height: `${widthPx}px`, background: '#fff', position: 'relative', margin: '0 auto' }} data-qr={text}>
      {runs.map((row, y) =>
        row.map((r) => (
          <View
            key={`${y}-${r.start}`}
            style={{
              position: 'absolute',
              top: `${(y + 4) * cell}px`,
              left: `${(r.start + 4) * cell}px`,
              width: `${r.length * cell + 0.4}px`,
              height: `${cell + 0.4}px`,
              background: '#000',
            }}
          />
        )),
      )}
    </View>
  );
}
