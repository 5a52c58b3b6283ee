//! The step recorder behind the heap diagram: what it shows must be what CPython reports.
//! Each listing ends with `print(sys.getrefcount(NAME))`; at the step for that last line
//! the diagram's count for NAME's object must equal what python3 prints (run live).

use std::process::Command;

use weaklink_python::explore::{record, Limits, Recording, Step, StepKind, ValueView};

/// (listing, name whose object is checked on the last line).
const REFCOUNT_CASES: &[(&str, &str)] = &[
    ("import sys\nx = []\nprint(sys.getrefcount(x))\n", "x"),
    ("import sys\nx = []\ny = x\nprint(sys.getrefcount(x))\n", "x"),
    ("import sys\nx = {}\nholder = [x, x, (x,)]\nprint(sys.getrefcount(x))\n", "x"),
    ("import sys\nx = []\nx.append(x)\nprint(sys.getrefcount(x))\n", "x"),
    (
        "import sys\nclass Node:\n    pass\nn = Node()\nm = Node()\nm.peer = n\nn.peer = m\nprint(sys.getrefcount(n))\n",
        "n",
    ),
    (
        "import sys\ndef show(item):\n    print(sys.getrefcount(item))\nthing = [1, 2]\nshow(thing)\n",
        "item",
    ),
    (
        "import sys, weakref\nclass C:\n    pass\nc = C()\nr = weakref.ref(c)\nd = {'k': c}\nprint(sys.getrefcount(c))\n",
        "c",
    ),
];

fn python3(source: &str) -> String {
    let output = Command::new("python3")
        .arg("-c")
        .arg(source)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("python3 runs");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn run(source: &str) -> Recording {
    let source = source.to_string();
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || record(&source, Default::default(), Limits::default()))
        .expect("thread")
        .join()
        .expect("no panic")
}

/// The value a name has in the innermost frame of a step.
fn binding<'a>(step: &'a Step, name: &str) -> Option<&'a ValueView> {
    step.frames
        .iter()
        .rev()
        .flat_map(|f| f.names.iter())
        .find(|b| b.name == name)
        .map(|b| &b.value)
}

#[test]
fn refcounts_in_the_diagram_are_cpythons() {
    for &(source, name) in REFCOUNT_CASES {
        let expected: i64 = python3(source).trim().parse().expect("a count");
        let run = run(source);
        let last_line = source.lines().count() as u32;
        let step = run
            .steps
            .iter()
            .rev()
            .find(|s| {
                s.kind == StepKind::Line
                    && binding(s, name).is_some()
                    && s.line
                        == if source.contains("def show") {
                            3
                        } else {
                            last_line
                        }
            })
            .unwrap_or_else(|| panic!("no step at the last line of {source:?}"));
        let Some(ValueView::Object(id)) = binding(step, name) else {
            panic!("{name} is not an object in {source:?}");
        };
        let object = step.object(*id).expect("the object is drawn");
        assert_eq!(object.refcount, expected, "{source}");
        assert!(!object.unreachable, "{source}");
    }
}

#[test]
fn a_cycle_without_names_is_marked_unreachable_until_collected() {
    let source = "import gc\ngc.disable()\na = []\nb = [a]\na.append(b)\ndel a, b\nx = 1\ngc.collect()\ny = 2\n";
    let run = run(source);
    let at = |line: u32| {
        run.steps
            .iter()
            .find(|s| s.kind == StepKind::Line && s.line == line)
            .unwrap_or_else(|| panic!("a step at line {line}"))
    };
    let before_del = at(6);
    assert!(before_del.objects.iter().all(|o| !o.unreachable));
    let after_del = at(7);
    let lists: Vec<_> = after_del
        .objects
        .iter()
        .filter(|o| o.type_name == "list")
        .collect();
    assert_eq!(lists.len(), 2, "{:?}", after_del.objects);
    assert!(lists.iter().all(|o| o.unreachable && o.refcount == 2));
    let after_collect = at(9);
    assert!(after_collect.objects.iter().all(|o| o.type_name != "list"));
}

#[test]
fn weak_references_are_dashed_and_output_is_tracked() {
    let source =
        "import weakref\nclass C:\n    pass\nc = C()\nr = weakref.ref(c)\nprint('hi')\nz = 0\n";
    let run = run(source);
    let step = run.steps.iter().find(|s| s.line == 7).expect("line 7");
    let weak = step
        .objects
        .iter()
        .find(|o| o.type_name == "weakref.ReferenceType")
        .expect("the weak reference is drawn");
    assert!(weak.fields.iter().any(|f| f.weak && f.label == "referent"));
    assert_eq!(&run.stdout[..step.stdout_len], "hi\n");
    assert!(step.live_bytes > 0);
}

#[test]
fn has_del_and_recording_limit() {
    let source =
        "class D:\n    def __del__(self):\n        pass\nd = D()\nfor i in range(100):\n    pass\n";
    let limits = Limits {
        max_steps: 10,
        ..Limits::default()
    };
    let source_owned = source.to_string();
    let run = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || record(&source_owned, Default::default(), limits))
        .unwrap()
        .join()
        .unwrap();
    assert!(run.truncated);
    assert_eq!(run.steps.len(), 11, "ten steps and the end");
    let end = run.steps.last().unwrap();
    assert_eq!(end.kind, StepKind::End);
    let d = end.objects.iter().find(|o| o.type_name == "D").expect("d");
    assert!(d.has_del);
}
