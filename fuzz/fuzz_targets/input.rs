//! Fuzz target `input`: runs [`checks::input`] on every input (the properties are documented there).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::input(data));
