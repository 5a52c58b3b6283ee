//! Runs a Python file on weaklink's VM: `cargo run --example run FILE`.
/// Checks the heap's invariants at each event the VM reports; prints the first problems.
struct StepCheck(usize);

impl weaklink_python::vm::Observer for StepCheck {
    fn event(&mut self, vm: &weaklink_python::vm::Vm, event: weaklink_python::vm::VmEvent) {
        if self.0 > 3 || !vm.is_quiescent() {
            return;
        }
        if let Err(v) = vm.heap.check(&vm.roots()) {
            self.0 += 1;
            eprintln!("at {event:?}: {}", v[0]);
            if let weaklink_heap::Violation::CountMismatch { obj, .. } = v[0] {
                eprintln!("   {:?}", vm.heap.body(obj));
            }
        }
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: run FILE");
    let source = std::fs::read_to_string(&path).expect("readable file");
    let mut vm = weaklink_python::vm::Vm::new(Default::default());
    if std::env::var_os("WEAKLINK_CHECK_STEPS").is_some() {
        vm.set_observer(Box::new(StepCheck(0)));
    }
    let outcome = vm.run_program(&source, &path);
    if std::env::var_os("WEAKLINK_CHECK").is_some() {
        if let Err(v) = vm.heap.check(&vm.roots()) {
            for v in v.iter().take(10) {
                eprintln!("invariant: {v}");
                if let weaklink_heap::Violation::CountMismatch { obj, .. } = v {
                    eprintln!("   {:?}", vm.heap.body(*obj));
                }
            }
        }
    }
    print!("{}", vm.stdout);
    eprint!("{}", vm.stderr);
    std::process::exit(match outcome {
        weaklink_python::vm::Outcome::Finished => 0,
        _ => 1,
    });
}
