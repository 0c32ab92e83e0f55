/**
 * Reconnect back-off, as the connection seed asks: 1 s, doubling up to 30 s,
 * at most 10 attempts. Pure functions so the schedule is testable without a clock.
 */

export const DEFAULT_BACKOFF = Object.freeze({
  reconnectBaseDelayMs: 1000,
  reconnectMaxDelayMs: 30000,
  maxReconnectAttempts: 10,
});

/**
 * Delay before reconnect attempt number `attempt` (1-based).
 * @param {number} attempt
 * @param {{ reconnectBaseDelayMs: number, reconnectMaxDelayMs: number }} [timing]
 */
export function reconnectDelay(attempt, timing = DEFAULT_BACKOFF) {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt must be an integer >= 1');
  // Cap the exponent too, so a huge attempt number cannot overflow to Infinity.
  const exponent = Math.min(attempt - 1, 30);
  return Math.min(timing.reconnectBaseDelayMs * 2 ** exponent, timing.reconnectMaxDelayMs);
}

/**
 * Every delay of one reconnect cycle, in order (one entry per allowed attempt).
 * @param {typeof DEFAULT_BACKOFF} [timing]
 * @returns {number[]}
 */
export function reconnectSchedule(timing = DEFAULT_BACKOFF) {
  return Array.from({ length: timing.maxReconnectAttempts }, (_, i) => reconnectDelay(i + 1, timing));
}
