// How the simulated Anytype window writes a time left.

/** `2:05` for 125 000 ms (rounded up to the second); `0:00` at or below zero. */
export function minutesAndSeconds(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
