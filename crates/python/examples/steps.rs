//! Prints the recorded steps of a Python file: `cargo run --example steps FILE`.
use weaklink_python::explore::{record, Limits, ValueView};

fn show(v: &ValueView) -> String {
    match v {
        ValueView::Object(id) => format!("#{id}"),
        ValueView::Atom(text) => text.clone(),
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: steps FILE");
    let source = std::fs::read_to_string(&path).expect("readable file");
    let run = record(&source, Default::default(), Limits::default());
    for (n, step) in run.steps.iter().enumerate() {
        println!("step {n}: {:?} line {}", step.kind, step.line);
        for frame in &step.frames {
            let names: Vec<String> = frame
                .names
                .iter()
                .map(|b| format!("{}={}", b.name, show(&b.value)))
                .collect();
            println!("  frame {} [{}]", frame.name, names.join(", "));
        }
        for o in &step.objects {
            let fields: Vec<String> = o
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}{}{}",
                        f.label,
                        if f.weak { "~>" } else { "->" },
                        show(&f.value)
                    )
                })
                .collect();
            let gc = match (o.gc_refs, o.gc_state) {
                (None, None) => String::new(),
                (refs, state) => format!(" gc_refs={refs:?} {state:?}"),
            };
            println!(
                "  #{} {} rc={}{}{}{} {}",
                o.id,
                o.label,
                o.refcount,
                if o.unreachable { " UNREACHABLE" } else { "" },
                if o.has_del { " __del__" } else { "" },
                gc,
                fields.join(" ")
            );
        }
    }
    print!("{}", run.stdout);
}
