//! Prints the bytecode of a Python file: `cargo run --example dis FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dis FILE");
    let source = std::fs::read_to_string(&path).expect("readable file");
    let module = weaklink_python::syntax::parse_module(&source).expect("parses");
    let code = weaklink_python::compile::compile_module(&module).expect("compiles");
    print!("{}", weaklink_python::compile::disassemble(&code));
}
