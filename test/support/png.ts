import { crc32, inflateSync } from 'node:zlib';

/** What a PNG decoder needs to know, read by decoding the file (every chunk's CRC, the inflated pixel rows). */
export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Bytes of the inflated image data: height × (1 filter byte + width × bytes per pixel). */
  rawLength: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes a non-interlaced PNG far enough to prove it is whole; throws on anything broken. */
export function decodePng(data: Buffer): DecodedPng {
  if (!data.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  let offset = 8;
  let header: Omit<DecodedPng, 'rawLength'> | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    const crc = data.readUInt32BE(offset + 8 + length);
    if (crc32(data.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8] as number,
        colourType: body[9] as number,
      };
      if (body[12] !== 0) throw new Error('interlaced PNGs are not handled');
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error('PNG without IHDR or IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const bitsPerPixel = (CHANNELS[header.colourType] ?? 0) * header.bitDepth;
  const expected = header.height * (1 + Math.ceil((header.width * bitsPerPixel) / 8));
  if (raw.length !== expected) throw new Error(`pixel data is ${raw.length} bytes, expected ${expected}`);
  return { ...header, rawLength: raw.length };
}
