// How many uploads are read and processed at once: each may hold a 15 MB body and its decoded
// pixels, so a burst of them waits its turn instead of all being buffered together.

export const CONCURRENT_UPLOADS = 2;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` once fewer than CONCURRENT_UPLOADS others are running; first come, first served. */
export async function withUploadSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_UPLOADS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so `running` never dips below what is in use.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** For tests: how many uploads hold a slot now. */
export const uploadsRunning = () => running;
