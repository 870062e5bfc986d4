// The one way the engine tells listeners of a change: add returns its own removal.

export class Emitter<A extends unknown[]> {
  private readonly listeners = new Set<(...args: A) => void>();

  /** Calls `listener` on every emit until the returned function is called. */
  on(listener: (...args: A) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...args: A): void {
    this.listeners.forEach((l) => l(...args));
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** An emitter per key (a cell, a plot block), made on first use. */
export class Emitters<K, A extends unknown[]> {
  private readonly byKey = new Map<K, Emitter<A>>();

  on(key: K, listener: (...args: A) => void): () => void {
    let e = this.byKey.get(key);
    if (!e) this.byKey.set(key, (e = new Emitter<A>()));
    return e.on(listener);
  }

  emit(key: K, ...args: A): void {
    this.byKey.get(key)?.emit(...args);
  }

  clear(): void {
    this.byKey.clear();
  }
}
