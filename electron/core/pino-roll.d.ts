/** pino-roll ships no types: the part of its API the logger uses (it returns a SonicBoom stream). */
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';

  export interface PinoRollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    mkdir?: boolean;
    sync?: boolean;
    minLength?: number;
  }

  export default function roll(options: PinoRollOptions): Promise<SonicBoom>;
}
