/** Vectors as the database stores them (float32, little-endian) and as retrieval compares them. */

/** The vector scaled to length 1, so that a dot product is the cosine similarity. */
export function unitVector(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}

export function vectorToBytes(vector: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const floats = Float32Array.from(vector);
  const bytes = new Uint8Array(floats.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < floats.length; i++) view.setFloat32(i * 4, floats[i], true);
  return bytes;
}

export function vectorFromBytes(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}

/**
 * The `limit` items whose unit vectors are most similar (cosine) to the unit query vector, most similar
 * first. A vector of another length (made by another model) is never compared.
 */
export function nearest<T>(query: Float32Array, entries: Iterable<{ vector: Float32Array; item: T }>, limit: number): T[] {
  const scored: { item: T; score: number }[] = [];
  for (const { vector, item } of entries) {
    if (vector.length !== query.length) continue;
    let score = 0;
    for (let i = 0; i < vector.length; i++) score += vector[i] * query[i];
    scored.push({ item, score });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.item);
}
