//! The parser against CPython 3.11, live: `ast.dump` of snippets and of the corpus, syntax
//! errors, and a no-panic fuzz.

#[path = "parse/errors.rs"]
mod errors;
#[path = "parse/fuzz.rs"]
mod fuzz;
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

/// Parse every input on a thread with a generous stack; report inputs that panicked.
fn panics(inputs: Vec<String>) -> Vec<String> {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut found = Vec::new();
            for input in inputs {
                let result = std::panic::catch_unwind(|| {
                    if let Ok(module) = weaklink_python::syntax::parse_and_validate(&input) {
                        weaklink_python::syntax::dump_with_positions(&module);
                    }
                });
                if result.is_err() {
                    found.push(input);
                }
            }
            found
        })
        .expect("a thread")
        .join()
        .expect("the fuzz thread itself does not panic")
}

/// The fuzz inputs: mutated corpus programs and random token streams.
fn fuzz_inputs(count: usize) -> Vec<String> {
    let programs: Vec<String> = corpus().into_iter().map(|(_, src)| src).collect();
    let mut rng = fuzz::Rng::new(0x5eed_1234);
    (0..count)
        .map(|i| {
            if i % 4 == 3 {
                fuzz::random_tokens(&mut rng)
            } else {
                let program = rng.pick(&programs).clone();
                let mut text = fuzz::mutate(&mut rng, &program);
                for _ in 0..rng.below(3) {
                    text = fuzz::mutate(&mut rng, &text);
                }
                text
            }
        })
        .collect()
}

#[test]
fn fuzz_never_panics() {
    let inputs = fuzz_inputs(6000);
    let start = std::time::Instant::now();
    let found = panics(inputs.clone());
    println!(
        "{} fuzz inputs parsed in {:?}",
        inputs.len(),
        start.elapsed()
    );
    assert!(
        found.is_empty(),
        "{} inputs panicked, first: {:?}",
        found.len(),
        found.first()
    );
}

#[test]
fn fuzz_errors_like_cpython() {
    let inputs = fuzz_inputs(3000);
    let cases: Vec<(Mode, String)> = inputs.into_iter().map(|src| (Mode::Compile, src)).collect();
    let (matched, failures) = compare(&cases);
    println!(
        "{matched} of {} fuzz inputs compile like CPython",
        cases.len()
    );
    for failure in &failures {
        println!("{failure}");
    }
    // Rare mistakes may get "invalid syntax" where CPython has a better message, and inputs
    // outside the subset differ by design: at least 99 in 100 must agree exactly.
    assert!(
        matched * 100 >= cases.len() * 99,
        "only {matched} of {} agree",
        cases.len()
    );
}

/// Shapes that make a backtracking parser slow or a recursive one overflow its stack.
fn adversarial(n: usize) -> Vec<String> {
    vec![
        format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        format!("x = {}1{}\n", "[".repeat(n), "]".repeat(n)),
        format!("x = {}1{}\n", "{1:".repeat(n), "}".repeat(n)),
        format!("x = {}1{}\n", "f(".repeat(n), ")".repeat(n)),
        format!("x = {}1{}\n", "a[".repeat(n), "]".repeat(n)),
        format!("x = {}1\n", "-".repeat(n)),
        format!("x = {}1\n", "not ".repeat(n)),
        format!("x = {}1\n", "lambda: ".repeat(n)),
        format!("x = {}1\n", "1 if 1 else ".repeat(n)),
        format!("x = {}1\n", "2 ** ".repeat(n)),
        format!("x = {}1{}\n", "-(".repeat(n), ")".repeat(n)),
        format!("x = {}\n", vec!["a"; n * 20].join(" + ")),
        format!("x = {}\n", vec!["a"; n * 20].join(".b")),
        format!("x = a{}\n", "(1)".repeat(n * 20)),
        format!("a {}1{}\n", "{b ".repeat(n), "}".repeat(n)),
        format!("a {}1{}\n", "(b ".repeat(n), ")".repeat(n)),
        format!("x = {}1\n", "f(a, ".repeat(n)),
        format!("x = {}1{}\n", "[a = ".repeat(n), "]".repeat(n)),
        format!("x = {}1{}\n", "(a if ".repeat(n), ")".repeat(n)),
        format!("x = {}\n", "f'{".repeat(3) + "x" + &"}'".repeat(3)),
        format!(
            "{}pass\n",
            (0..n)
                .map(|i| format!("{}if x:\n", "    ".repeat(i)))
                .collect::<String>()
        ),
        format!("if x:\n    pass\n{}", "elif x:\n    pass\n".repeat(n * 5)),
        "(".repeat(n * 5),
        "[".repeat(n) + &"a, ".repeat(n * 10),
    ]
}

#[test]
fn adversarial_inputs_are_errors_or_trees_quickly() {
    let inputs: Vec<String> = [10, 199, 250]
        .iter()
        .flat_map(|&n| adversarial(n))
        .collect();
    let start = std::time::Instant::now();
    let found = panics(inputs.clone());
    let elapsed = start.elapsed();
    println!("{} adversarial inputs in {elapsed:?}", inputs.len());
    assert!(
        found.is_empty(),
        "{} panicked, first: {:?}",
        found.len(),
        found.first()
    );
    assert!(
        elapsed < std::time::Duration::from_secs(20),
        "took {elapsed:?}"
    );
}

#[test]
fn tokens_like_python_tokenize() {
    // Python's `tokenize` counts columns in characters: compare ASCII sources only.
    let sources: Vec<String> = snippets::SNIPPETS
        .iter()
        .map(|s| s.to_string())
        .chain(corpus().into_iter().map(|(_, src)| src))
        .filter(|s| s.is_ascii())
        .collect();
    let cases: Vec<(Mode, String)> = sources.into_iter().map(|s| (Mode::Tokens, s)).collect();
    let (matched, failures) = compare(&cases);
    println!("{matched} of {} token streams match", cases.len());
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn nesting_at_cpythons_limit_fits_a_small_stack() {
    // WebAssembly's default stack is 1 MiB; unoptimized builds need about six times more.
    let stack = if cfg!(debug_assertions) {
        8 << 20
    } else {
        1 << 20
    };
    let n = 199;
    let sources = [
        format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        format!("x = {}1{}\n", "f(".repeat(n), ")".repeat(n)),
        format!("x = {}1{}\n", "[".repeat(n), "]".repeat(n)),
        format!("x = {}1{}\n", "{1: ".repeat(n), "}".repeat(n)),
        format!("x = {}1{}\n", "-(".repeat(n), ")".repeat(n)),
        format!("x = {}1 2{}\n", "(".repeat(n), ")".repeat(n)),
    ];
    let results = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            sources
                .iter()
                .map(|s| {
                    weaklink_python::syntax::parse_and_validate(s).map(|m| {
                        weaklink_python::syntax::dump(&m);
                    })
                })
                .collect::<Vec<_>>()
        })
        .expect("a thread")
        .join()
        .expect("no overflow");
    let errors: Vec<String> = results
        .into_iter()
        .filter_map(|r| r.err().map(|e| e.msg))
        .collect();
    assert_eq!(errors, ["invalid syntax. Perhaps you forgot a comma?"]);
}
