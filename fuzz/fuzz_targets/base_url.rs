//! Fuzz target `base_url`: runs [`checks::base_url`] on every input (the properties are documented there).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::base_url(data));
