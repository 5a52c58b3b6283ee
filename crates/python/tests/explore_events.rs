//! Steps by event: between two lines, each reference count change of a shown object is a
//! step, and the counts those steps reach are the counts the next line's step shows.

use weaklink_python::explore::{record, Limits, Step, StepKind};

fn run(source: &str) -> Vec<Step> {
    let limits = Limits {
        events: true,
        ..Limits::default()
    };
    record(source, Default::default(), limits).steps
}

/// Programs whose every line changes counts of objects already shown.
const PROGRAMS: &[&str] = &[
    "a = []\nb = [a, a]\nc = {'k': a}\ndel b\nc.clear()\n",
    "def f(x):\n    y = x\n    return y\na = []\nr = f(a)\ndel r\n",
    "class Node:\n    pass\nn = Node()\nm = Node()\nn.other = m\nm.other = n\ndel n.other\n",
    "import weakref\nclass C:\n    pass\nc = C()\nr = weakref.ref(c)\nholder = [c]\nholder.pop()\n",
];

#[test]
fn event_steps_end_where_the_next_line_begins() {
    for source in PROGRAMS {
        let steps = run(source);
        let mut events = 0;
        for pair in steps.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            if !matches!(before.kind, StepKind::HeapEvent { .. })
                || matches!(after.kind, StepKind::HeapEvent { .. })
            {
                continue;
            }
            events += 1;
            // The last event step before a line step: every object in both has the count the
            // line step shows.
            for object in &before.objects {
                if let Some(next) = after.object(object.id) {
                    assert_eq!(
                        object.refcount, next.refcount,
                        "{source}\nat {:?}",
                        before.kind
                    );
                }
            }
        }
        assert!(events > 0, "no event steps in:\n{source}");
    }
}

#[test]
fn captions_give_the_counts_shown() {
    // (program, the captions of its event steps, with the count each step shows)
    let cases: &[(&str, &[(&str, i64)])] = &[
        (
            "a = []\nb = [a, a]\n",
            &[
                ("list #1: refcount 2 -> 3, pushed on the value stack", 3),
                ("list #1: refcount 3 -> 4, pushed on the value stack", 4),
            ],
        ),
        (
            "a = []\nx = a\ndel x\n",
            &[
                ("list #1: refcount 2 -> 3, pushed on the value stack", 3),
                ("list #1: refcount 3 -> 4, a name is bound to it", 4),
                ("list #1: refcount 4 -> 3, popped from the value stack", 3),
                ("list #1: refcount 3 -> 2, a name lets go of it", 2),
            ],
        ),
    ];
    for &(source, expected) in cases {
        let steps = run(source);
        let captions: Vec<(String, i64)> = steps
            .iter()
            .filter_map(|s| match &s.kind {
                StepKind::HeapEvent { caption } => Some((caption.clone(), s.objects[0].refcount)),
                _ => None,
            })
            .collect();
        let expected: Vec<(String, i64)> =
            expected.iter().map(|&(c, n)| (c.to_string(), n)).collect();
        assert_eq!(captions, expected, "{source}");
    }
}

#[test]
fn without_the_option_there_are_none() {
    let steps = record(PROGRAMS[0], Default::default(), Limits::default()).steps;
    assert!(steps
        .iter()
        .all(|s| !matches!(s.kind, StepKind::HeapEvent { .. })));
}
