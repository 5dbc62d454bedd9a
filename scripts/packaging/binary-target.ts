/**
 * Which platform and CPU a compiled native module (`.node`) is for, read from its header: ELF
 * (Linux), Mach-O and universal "fat" Mach-O (macOS), PE (Windows). The packaging hook checks every
 * `.node` file of a packed app against the target it was packed for, so a build that would not
 * load on the user's machine (keytar for Intel in the Apple-silicon app) never ships.
 * Written here rather than taken from a library: the packages that parse these formats are large
 * general-purpose parsers (or shell out to `file`, which Windows lacks); the three headers need
 * ~60 lines and are tested against crafted samples of each.
 */
export type BinaryFormat = 'elf' | 'mach-o' | 'pe';

export interface BinaryTarget {
  format: BinaryFormat;
  /** Node's names (process.arch): x64, arm64, ia32, arm. A fat Mach-O lists each slice. */
  archs: string[];
}

const ELF_MACHINES: Record<number, string> = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64', 0x07: 'ia32', 0x0c: 'arm' };
const PE_MACHINES: Record<number, string> = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x01c4: 'arm' };
const FORMAT_OF_PLATFORM: Partial<Record<NodeJS.Platform, BinaryFormat>> = { linux: 'elf', darwin: 'mach-o', win32: 'pe' };

const name = (table: Record<number, string>, value: number): string => table[value] ?? `unknown(0x${value.toString(16)})`;

/** The binary's format and architectures, or null when it is none of the three (not a native module at all). */
export function readBinaryTarget(bytes: Buffer): BinaryTarget | null {
  if (bytes.length < 64) return null;
  // ELF: "\x7fELF", EI_DATA at 5 (1 little-endian, 2 big-endian), e_machine at 18.
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
    return { format: 'elf', archs: [name(ELF_MACHINES, machine)] };
  }
  // Mach-O, 32- or 64-bit, little-endian on every Mac: magic then cputype.
  const magic = bytes.readUInt32LE(0);
  if (magic === 0xfeedfacf || magic === 0xfeedface) return { format: 'mach-o', archs: [name(MACHO_CPUS, bytes.readInt32LE(4))] };
  // Universal (fat) Mach-O: big-endian header, then 20-byte (fat_arch) or 32-byte (fat_arch_64) entries.
  const fat = bytes.readUInt32BE(0);
  if (fat === 0xcafebabe || fat === 0xcafebabf) {
    const count = bytes.readUInt32BE(4);
    const entry = fat === 0xcafebabe ? 20 : 32;
    // Java class files share 0xcafebabe; their "count" (a version) is far above any real slice count.
    if (count === 0 || count > 8 || 8 + count * entry > bytes.length) return null;
    return { format: 'mach-o', archs: Array.from({ length: count }, (_, i) => name(MACHO_CPUS, bytes.readInt32BE(8 + i * entry))) };
  }
  // PE: "MZ", the PE header's offset at 0x3c, "PE\0\0" there, then the machine.
  if (bytes.readUInt16BE(0) === 0x4d5a) {
    const offset = bytes.readUInt32LE(0x3c);
    if (offset + 6 > bytes.length || bytes.readUInt32BE(offset) !== 0x50450000) return null;
    return { format: 'pe', archs: [name(PE_MACHINES, bytes.readUInt16LE(offset + 4))] };
  }
  return null;
}

/** Why a binary does not fit the target, or null when it does. */
export function binaryTargetMismatch(bytes: Buffer, target: { platform: NodeJS.Platform; arch: string }): string | null {
  const found = readBinaryTarget(bytes);
  const wantedFormat = FORMAT_OF_PLATFORM[target.platform];
  if (!found) return 'it is not a native binary';
  if (wantedFormat && found.format !== wantedFormat) return `it is ${found.format}, ${target.platform} needs ${wantedFormat}`;
  if (!found.archs.includes(target.arch)) return `it is built for ${found.archs.join(' + ')}, the target is ${target.arch}`;
  return null;
}
