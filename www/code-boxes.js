// Four one-digit boxes for the pairing code. Typing moves to the next box, Backspace on an empty
// box goes back, the arrow keys move, and a paste (or a one-time-code autofill) of "1234" or
// "12 34" fills every box. When the fourth digit arrives, `onComplete(code)` runs once per code.

import { LIMITS } from '/pkg/index.js';

/** Number of digits in an Anytype pairing code. */
export const CODE_LENGTH = LIMITS.codeDigits;

/** The ASCII digits of `text`, in order (whitespace and anything else dropped). */
export function digitsOf(text) {
  return (text.match(/[0-9]/g) ?? []).join('');
}

/** Wires up the boxes (`inputs`, in order). Returns the controls the page needs. */
export function createCodeBoxes(inputs, { onComplete }) {
  let lastCompleted = null;

  const code = () => inputs.map((input) => input.value).join('');
  const isComplete = () => inputs.every((input) => /^[0-9]$/.test(input.value));
  const focusBox = (index) => {
    const box = inputs[Math.max(0, Math.min(index, inputs.length - 1))];
    box.focus();
    box.select();
  };

  /** Puts `digits` into the boxes from `start` on, then focuses the next empty box. */
  const fill = (start, digits) => {
    let index = start;
    for (const digit of digits) {
      if (index >= inputs.length) break;
      inputs[index].value = digit;
      index += 1;
    }
    focusBox(index);
    completeIfReady();
  };

  const completeIfReady = () => {
    if (!isComplete()) {
      lastCompleted = null;
      return;
    }
    const value = code();
    if (value === lastCompleted) return;
    lastCompleted = value;
    onComplete(value);
  };

  inputs.forEach((input, index) => {
    input.addEventListener('focus', () => input.select());

    input.addEventListener('input', () => {
      const digits = digitsOf(input.value);
      if (digits.length <= 1) {
        input.value = digits;
        if (digits) focusBox(index + 1);
        completeIfReady();
        return;
      }
      // Several digits in one box: an autofill or an IME. A full code fills from the first box.
      input.value = '';
      fill(digits.length >= CODE_LENGTH ? 0 : index, digits);
    });

    input.addEventListener('paste', (event) => {
      const digits = digitsOf(event.clipboardData?.getData('text') ?? '');
      event.preventDefault();
      if (!digits) return;
      fill(digits.length >= CODE_LENGTH ? 0 : index, digits);
    });

    input.addEventListener('keydown', (event) => {
      if (event.key === 'Backspace' && input.value === '' && index > 0) {
        event.preventDefault();
        inputs[index - 1].value = '';
        focusBox(index - 1);
        lastCompleted = null;
      } else if (event.key === 'ArrowLeft' && index > 0) {
        event.preventDefault();
        focusBox(index - 1);
      } else if (event.key === 'ArrowRight' && index < inputs.length - 1) {
        event.preventDefault();
        focusBox(index + 1);
      }
    });
  });

  return {
    /** The digits typed so far, e.g. "04" or "0427". */
    value: code,
    isComplete,
    /** Empties every box and focuses the first. */
    clear() {
      for (const input of inputs) input.value = '';
      lastCompleted = null;
      focusBox(0);
    },
    /** Enables or disables every box (while a request is in flight). */
    setDisabled(disabled) {
      for (const input of inputs) input.disabled = disabled;
    },
    focus: () => focusBox(Math.max(0, inputs.findIndex((input) => input.value === ''))),
  };
}
