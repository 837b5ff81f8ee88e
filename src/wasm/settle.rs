//! Awaiting a JS `Promise` without a new wasm closure per await.
//!
//! `wasm_bindgen_futures::JsFuture` makes two `Closure`s per promise, and each one is registered
//! with a `FinalizationRegistry` in the glue. On the two awaits of every call that was the largest
//! single cost of a call in Node (CPU profile: README, "Performance"). Here one closure, made
//! once, receives every settlement: each promise gets `callback.bind(null, slot, fulfilled)`,
//! plain bound functions, and the result waits in a slot of a small table until the future that
//! owns the slot is polled. The executor is still wasm-bindgen-futures' (`future_to_promise`).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A platform `Promise`, seen only for its `then`.
    type Thenable;
    /// `promise.then(onFulfilled, onRejected)`: a platform promise's `then` does not throw.
    #[wasm_bindgen(method, js_name = then)]
    fn then(this: &Thenable, on_fulfilled: &Function, on_rejected: &Function);
}

/// One awaited promise: its outcome once settled, and the task to wake then.
enum Slot {
    Free,
    Waiting(Option<Waker>),
    Settled(Result<JsValue, JsValue>),
    /// The future was dropped before the promise settled; the settlement frees the slot.
    Abandoned,
}

thread_local! {
    /// Every awaited promise's slot; a slot is reused once freed, so the table stays as large
    /// as the most promises awaited at once.
    static SLOTS: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
    /// The one callback all promises settle into: `(slot, fulfilled, value)`.
    static CALLBACK: Function = Closure::<dyn Fn(u32, bool, JsValue)>::new(settle).into_js_value().into();
}

/// Stores a settlement in its slot and wakes the task waiting for it.
fn settle(slot: u32, fulfilled: bool, value: JsValue) {
    let waker = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let entry = slots.get_mut(slot as usize)?;
        match std::mem::replace(entry, Slot::Free) {
            Slot::Waiting(waker) => {
                *entry = Slot::Settled(if fulfilled { Ok(value) } else { Err(value) });
                waker
            }
            other @ (Slot::Settled(_) | Slot::Free) => {
                *entry = other; // a promise settles once; nothing else can reach here
                None
            }
            Slot::Abandoned => None, // left free
        }
    });
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// The outcome of a JS `Promise`, as a future: `Ok` when it fulfils, `Err` when it rejects.
pub struct Settled {
    slot: u32,
    /// Set once the outcome was taken: the slot may belong to another promise by then.
    done: bool,
}

impl Settled {
    /// Starts waiting for `promise`.
    pub fn new(promise: &Promise) -> Settled {
        let slot = SLOTS.with(|slots| {
            let mut slots = slots.borrow_mut();
            let free = slots.iter().position(|slot| matches!(slot, Slot::Free));
            let index = free.unwrap_or(slots.len());
            if free.is_none() {
                slots.push(Slot::Free);
            }
            slots[index] = Slot::Waiting(None);
            index as u32
        });
        CALLBACK.with(|callback| {
            let slot_js = JsValue::from(slot);
            let on_fulfilled = callback.bind2(&JsValue::NULL, &slot_js, &JsValue::TRUE);
            let on_rejected = callback.bind2(&JsValue::NULL, &slot_js, &JsValue::FALSE);
            promise.unchecked_ref::<Thenable>().then(on_fulfilled.unchecked_ref(), on_rejected.unchecked_ref());
        });
        Settled { slot, done: false }
    }
}

impl Future for Settled {
    type Output = Result<JsValue, JsValue>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let outcome = SLOTS.with(|slots| {
            let mut slots = slots.borrow_mut();
            let Some(entry) = slots.get_mut(self.slot as usize) else { return Some(Err(JsValue::UNDEFINED)) };
            match std::mem::replace(entry, Slot::Free) {
                Slot::Settled(outcome) => Some(outcome), // the slot is free again
                _ => {
                    *entry = Slot::Waiting(Some(cx.waker().clone()));
                    None
                }
            }
        });
        match outcome {
            Some(outcome) => {
                self.done = true;
                Poll::Ready(outcome)
            }
            None => Poll::Pending,
        }
    }
}

impl Drop for Settled {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        SLOTS.with(|slots| {
            if let Some(entry) = slots.borrow_mut().get_mut(self.slot as usize) {
                *entry = if matches!(entry, Slot::Settled(_)) { Slot::Free } else { Slot::Abandoned };
            }
        });
    }
}
