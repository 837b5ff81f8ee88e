//! Fuzz target `redact`: runs [`checks::redact`] on every input (the properties are documented there).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::redact(data));
