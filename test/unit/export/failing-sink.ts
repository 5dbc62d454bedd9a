/** Real file sinks that misbehave on purpose, for the atomic-write and exporter tests (no module mocks). */
import { openFileSink, type OpenSink } from '@core/export/atomic-file';

/** Fails like a full disk once `limit` bytes have been written (the partial chunk really lands). */
export function failingAfter(limit: number, code = 'ENOSPC'): OpenSink {
  return async (file) => {
    const real = await openFileSink(file);
    let written = 0;
    return {
      async write(chunk) {
        if (written + chunk.byteLength > limit) {
          await real.write(chunk.subarray(0, limit - written));
          written = limit;
          throw Object.assign(new Error(`${code}: no space left on device, write`), { code });
        }
        await real.write(chunk);
        written += chunk.byteLength;
      },
      sync: () => real.sync(),
      close: () => real.close(),
    };
  };
}

/** Holds the first write until `release()`, so a test can act while an export is midway. */
export function pausedAtFirstWrite(): { openSink: OpenSink; reached: Promise<void>; release(): void } {
  let reach = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  return {
    reached,
    release: () => release(),
    openSink: async (file) => {
      const real = await openFileSink(file);
      return {
        async write(chunk) {
          if (first) {
            first = false;
            reach();
            await gate;
          }
          await real.write(chunk);
        },
        sync: () => real.sync(),
        close: () => real.close(),
      };
    },
  };
}
