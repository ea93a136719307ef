// How the concerns service reaches photos without importing the S3 client: the concerns function plugs photos.ts in
// (handler.ts); bookings and moderation, which file and decide concerns but never show or attach photos, stay
// without it (the client is ~160 KB of their bundles, paid at every cold start). Unplugged, any use fails loudly.
import type { Photo } from '@shared/schemas/concerns';

export interface PhotoPort {
  /** Checks the caller's uploads and stores them under the concern; returns the stored keys. */
  attach(userId: string, concernId: string, photoIds: string[] | undefined): Promise<string[]>;
  /** Short-lived view URLs for stored keys. */
  views(keys: string[]): Promise<Photo[]>;
}

const unplugged = (): never => {
  throw new Error('concern photos are not available in this function (see photo-port.ts)');
};

let port: PhotoPort | undefined;

export function plugPhotos(p: PhotoPort): void {
  port = p;
}

/** Attaching nothing and showing nothing need no storage: only real photos reach the port. */
export const photoPort: PhotoPort = {
  attach: async (userId, concernId, photoIds) => (photoIds?.length ? (port ?? unplugged()).attach(userId, concernId, photoIds) : []),
  views: async (keys) => (keys.length ? (port ?? unplugged()).views(keys) : []),
};
