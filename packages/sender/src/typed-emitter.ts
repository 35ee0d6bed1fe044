/** A minimal typed event emitter; a throwing listener never breaks the emitter. */
export interface TypedEmitter<Events extends object> {
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
  has(event: keyof Events): boolean;
}

/** Creates a {@link TypedEmitter}. */
export function createTypedEmitter<Events extends object>(): TypedEmitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    emit(event, payload) {
      const set = listeners.get(event);
      if (!set) return;
      for (const listener of set) {
        try {
          (listener as (value: typeof payload) => void)(payload);
        } catch {
          // Listener errors are the listener's business.
        }
      }
    },
    has(event) {
      return (listeners.get(event)?.size ?? 0) > 0;
    },
  };
}
