//! The parser against CPython 3.11, live: `ast.dump` of snippets and of the corpus, syntax
//! errors, and a no-panic fuzz.

#[path = "parse/oracle.rs"]
mod oracle;
#[path = "parse/snippets.rs"]
mod snippets;

use oracle::{ask, ours, Mode};

/// Compare every case with python3; report all differences at once.
fn compare(cases: &[(Mode, String)]) -> (usize, Vec<String>) {
    let answers = ask(cases);
    let mut failures = Vec::new();
    for ((mode, src), expected) in cases.iter().zip(&answers) {
        let got = ours(*mode, src);
        if &got != expected {
            failures.push(format!(
                "{mode:?} {src:?}\n  python3: {expected}\n  ours:    {got}"
            ));
        }
    }
    (cases.len() - failures.len(), failures)
}

#[test]
fn snippets_dump_like_cpython() {
    let cases: Vec<(Mode, String)> = snippets::SNIPPETS
        .iter()
        .flat_map(|s| {
            [
                (Mode::Dump, s.to_string()),
                (Mode::Positions, s.to_string()),
            ]
        })
        .collect();
    let (matched, failures) = compare(&cases);
    println!("{matched} of {} snippet dumps match", cases.len());
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
