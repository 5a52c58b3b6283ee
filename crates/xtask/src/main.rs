//! Project automation: `cargo xtask test`, `cargo xtask bench gc`.
fn main() {}
