//! `weaklink_python::text` against CPython 3.11, live: each table becomes one Python script,
//! run once by `python3`, and every case's output is compared with the Rust function's.
//!
//! A case's outcome is written `ok:<result>` or `err:<ExceptionName>: <message>`; each record is prefixed
//! with its length, so results may hold any character.

#[path = "text/format_cases.rs"]
mod format_cases;
#[path = "text/fuzz_cases.rs"]
mod fuzz_cases;
#[path = "text/harness.rs"]
mod harness;
#[path = "text/method_cases.rs"]
mod method_cases;
#[path = "text/number_cases.rs"]
mod number_cases;
#[path = "text/percent_cases.rs"]
mod percent_cases;
#[path = "text/repr_cases.rs"]
mod repr_cases;
#[path = "text/template_cases.rs"]
mod template_cases;
#[path = "text/unicode_cases.rs"]
mod unicode_cases;
