// Next's data cache outside Next (vitest renders pages with no incremental cache): every read goes to the database.
export function unstable_cache<A extends unknown[], R>(read: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return read;
}

export function revalidateTag(): void {}

export function revalidatePath(): void {}
