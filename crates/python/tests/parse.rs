//! The parser against CPython 3.11, live: `ast.dump` of snippets and of the corpus, syntax
//! errors, and a no-panic fuzz.

#[path = "parse/errors.rs"]
mod errors;
#[path = "parse/oracle.rs"]
mod oracle;
#[path = "parse/snippets.rs"]
mod snippets;

use oracle::{ask, ours, Mode};

/// Compare every case with python3; report all differences at once.
fn compare(cases: &[(Mode, String)]) -> (usize, Vec<String>) {
    let answers = ask(cases);
    let owned = cases.to_vec();
    // Unoptimized builds take about 18 KiB of stack per nesting level; the table has cases at
    // CPython's limit of 200 nested brackets.
    let ours_all: Vec<String> = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || owned.iter().map(|(mode, src)| ours(*mode, src)).collect())
        .expect("a thread")
        .join()
        .expect("no panic");
    let mut failures = Vec::new();
    for (((mode, src), expected), got) in cases.iter().zip(&answers).zip(ours_all) {
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

/// The corpus programs, read at test time.
fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython");
    let mut programs: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .map(|path| {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (
                name,
                std::fs::read_to_string(&path).expect("a readable program"),
            )
        })
        .collect();
    programs.sort();
    programs
}

#[test]
fn corpus_dumps_like_cpython() {
    let programs = corpus();
    assert!(!programs.is_empty(), "the corpus is not empty");
    let cases: Vec<(Mode, String)> = programs
        .iter()
        .flat_map(|(_, src)| [(Mode::Dump, src.clone()), (Mode::Positions, src.clone())])
        .collect();
    let (matched, failures) = compare(&cases);
    println!(
        "{matched} of {} corpus dumps match ({} programs)",
        cases.len(),
        programs.len()
    );
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn syntax_errors_like_cpython() {
    let cases: Vec<(Mode, String)> = errors::ERRORS
        .iter()
        .map(|s| (Mode::Compile, s.to_string()))
        .collect();
    let (matched, failures) = compare(&cases);
    println!("{matched} of {} syntax errors match", cases.len());
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn constructs_outside_the_subset_are_named() {
    let cases: Vec<(Mode, String)> = errors::UNSUPPORTED
        .iter()
        .map(|(src, _)| (Mode::Compile, src.to_string()))
        .collect();
    let answers = ask(&cases);
    let mut failures = Vec::new();
    for ((src, msg), answer) in errors::UNSUPPORTED.iter().zip(&answers) {
        // Valid Python 3.11, or valid inside an `async def` only.
        assert!(
            answer == "OK"
                || answer.contains("outside async function")
                || answer.contains("outside of an asynchronous function"),
            "python3 compiles {src:?}: {answer}"
        );
        match weaklink_python::syntax::parse_and_validate(src) {
            Err(error) if error.msg == *msg => {}
            other => failures.push(format!("{src:?}: expected {msg:?}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
