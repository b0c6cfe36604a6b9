// Request epochs: an answer that arrives after the user has moved on (left
// the screen, opened another ticket, signed out) is dropped instead of being
// drawn over what they look at now.

/** What a guarded request rejects with when its answer came too late. */
export const DROPPED = Object.freeze({ code: 'dropped', message: 'The answer came after you moved on.' }); // not UI text: a dropped answer is never shown

/** True when `error` is a dropped answer (nothing to show for it). */
export function isDropped(error) {
  return error === DROPPED;
}

/** A counter that moves whenever what earlier answers were for is gone. */
export function createEpoch() {
  let current = 0;
  return {
    /** Moves on: the answers to everything asked before are dropped. */
    advance() {
      current += 1;
    },
    /** Settles as `promise` does while the epoch holds. When it moved
     * meanwhile, `late` decides: 'reject' rejects with DROPPED (the caller's
     * `finally` still runs and can clear its busy flags), 'vanish' never
     * settles (nothing after the caller's `await` runs at all). */
    guard(promise, late = 'reject') {
      const asked = current;
      const dropped = () => (late === 'vanish' ? new Promise(() => {}) : Promise.reject(DROPPED));
      return Promise.resolve(promise).then(
        (answer) => (asked === current ? answer : dropped()),
        (error) => (asked === current ? Promise.reject(error) : dropped()),
      );
    },
  };
}
