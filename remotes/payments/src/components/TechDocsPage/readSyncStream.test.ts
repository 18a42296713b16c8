import { readSyncStream } from './readSyncStream';

function eventStream(...chunks: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

describe('readSyncStream', () => {
  it('reads to the finish event and passes on the log lines', async () => {
    const logs: string[] = [];
    await readSyncStream(
      eventStream(
        'event: log\ndata: "Preparing"\n\nevent: lo',
        'g\ndata: "Generating"\n\n',
        'event: finish\ndata: {"updated":true}\n\n',
      ),
      line => logs.push(line),
    );
    expect(logs).toEqual(['Preparing', 'Generating']);
  });

  it('fails with the message of an error event', async () => {
    await expect(
      readSyncStream(eventStream('event: error\ndata: "mkdocs not found"\n\n'), () => undefined),
    ).rejects.toThrow('mkdocs not found');
  });

  it('fails on an error status', async () => {
    await expect(
      readSyncStream(new Response('nope', { status: 404, statusText: 'Not Found' }), () => undefined),
    ).rejects.toThrow('404');
  });
});
