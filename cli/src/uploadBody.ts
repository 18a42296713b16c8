/** How much of an upload is handed to each read, so that progress moves in visible steps. */
const UPLOAD_CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of an upload as a stream that reports, as fetch pulls each chunk, how many bytes have
 * gone out so far. Node's fetch reads a stream body only as fast as the socket takes it.
 */
export function createUploadBody(
  bytes: Uint8Array,
  onProgress: (sent: number, total: number) => void,
): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) {
        controller.close();
        return;
      }
      const chunk = bytes.subarray(sent, sent + UPLOAD_CHUNK_BYTES);
      sent += chunk.length;
      controller.enqueue(chunk);
      onProgress(sent, bytes.length);
    },
  });
}
