/**
 * Reconnect back-off: 1 s, doubling up to 30 s, jittered (each delay is drawn from its upper half, so tabs
 * that lost one relay node together do not all come back in the same instant), and no limit on the
 * number of attempts: a relay upgrade that takes longer than a few minutes strands no tab
 * (`maxReconnectAttempts` > 0 sets a limit). Pure functions so the schedule is testable without a clock.
 */

export const DEFAULT_BACKOFF = Object.freeze({
  reconnectBaseDelayMs: 1000,
  reconnectMaxDelayMs: 30000,
  /** 0: reconnect forever. */
  maxReconnectAttempts: 0,
  /** The fraction of each delay that is random: 0.5 draws it from [delay / 2, delay]. */
  reconnectJitter: 0.5,
});

/**
 * Delay before reconnect attempt number `attempt` (1-based).
 * @param {number} attempt
 * @param {{ reconnectBaseDelayMs: number, reconnectMaxDelayMs: number, reconnectJitter?: number }} [timing]
 * @param {() => number} [random] a number in [0, 1); the jitter's source
 */
export function reconnectDelay(attempt, timing = DEFAULT_BACKOFF, random = Math.random) {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt must be an integer >= 1');
  // Cap the exponent too, so a huge attempt number cannot overflow to Infinity.
  const exponent = Math.min(attempt - 1, 30);
  const capped = Math.min(timing.reconnectBaseDelayMs * 2 ** exponent, timing.reconnectMaxDelayMs);
  const jitter = Math.min(Math.max(timing.reconnectJitter ?? 0, 0), 1);
  return Math.round(capped * (1 - jitter * random()));
}

/**
 * The delays of the first `attempts` reconnect attempts, in order (all of them when there is a limit).
 * @param {typeof DEFAULT_BACKOFF} [timing]
 * @param {number} [attempts]
 * @param {() => number} [random]
 * @returns {number[]}
 */
export function reconnectSchedule(timing = DEFAULT_BACKOFF, attempts = timing.maxReconnectAttempts || 10, random = Math.random) {
  return Array.from({ length: attempts }, (_, i) => reconnectDelay(i + 1, timing, random));
}
