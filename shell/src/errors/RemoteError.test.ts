import { RemoteError, RemoteErrorCode, toRemoteError } from './RemoteError';
import { isRemoteErrorCode, REMOTE_ERROR_CODES } from '@portico/contract/remoteErrorCodes';

describe('toRemoteError', () => {
  it('keeps a RemoteError as it is', () => {
    const error = new RemoteError(RemoteErrorCode.Invalid, 'no page');
    expect(toRemoteError(error, RemoteErrorCode.RenderFailed)).toBe(error);
  });

  it('wraps anything else with the fallback code and its message', () => {
    const wrapped = toRemoteError(new TypeError('x is undefined'), RemoteErrorCode.RenderFailed);
    expect(wrapped.code).toBe('PORTICO_REMOTE_RENDER_FAILED');
    expect(wrapped.message).toBe('x is undefined');
  });

  it('calls a failed chunk a load failure whatever the fallback', () => {
    const chunkError = Object.assign(new Error('Loading chunk 16 failed.'), { name: 'ChunkLoadError' });
    const wrapped = toRemoteError(chunkError, RemoteErrorCode.RenderFailed);
    expect(wrapped.code).toBe('PORTICO_REMOTE_LOAD_FAILED');
    expect(wrapped.message).toMatch(/^Loading chunk 16 failed\. \(.*integrity/);
  });
});

describe('RemoteErrorCode', () => {
  it('is the list the real-user timing intake accepts, and nothing else', () => {
    expect(Object.values(RemoteErrorCode).sort()).toEqual([...REMOTE_ERROR_CODES].sort());
    expect(isRemoteErrorCode(RemoteErrorCode.Timeout)).toBe(true);
    expect(isRemoteErrorCode('PORTICO_REMOTE_SOMETHING_ELSE')).toBe(false);
  });
});
