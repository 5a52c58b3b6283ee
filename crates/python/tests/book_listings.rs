//! The book keeps its word: every interactive listing (a ```` ```python,heap ```` block in
//! `book/src/**/*.md`) runs under python3 (live, in a fresh empty directory, with
//! `PYTHONHASHSEED=0`) and on weaklink's VM, and the two must print the same stdout, end with
//! the same exit status and report the same kind of error on stderr (its last line, e.g.
//! `ZeroDivisionError: division by zero`, or nothing). The heap's invariants must hold after
//! each run, and the widget's step recorder must see the same output.
//!
//! A ```` ```text ```` block that directly follows a listing (only blank lines between) is
//! the listing's expected output, and must equal python3's stdout exactly.

mod differential;

use std::path::{Path, PathBuf};

use differential::{first_line_difference, run_python3, scratch_dir, with_big_stack};
use weaklink_python::explore::{self, Limits};
use weaklink_python::vm::{Options, Outcome, Vm};

/// One interactive listing of the book.
#[derive(Debug, PartialEq)]
struct Listing {
    /// The 1-based line of the markdown file where the listing's fence opens.
    line: usize,
    /// The program.
    source: String,
    /// The contents of the ```` ```text ```` block right after it, if there is one.
    shown_output: Option<String>,
}

/// An opening code fence: its fence characters and its info string.
struct Fence<'a> {
    marks: &'a str,
    info: &'a str,
}

/// Reads `line` as an opening code fence (up to three spaces, then at least three backticks
/// or tildes), as the book's build does.
fn opening_fence(line: &str) -> Option<Fence<'_>> {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return None;
    }
    let mark = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = body.chars().take_while(|c| *c == mark).count();
    if count < 3 {
        return None;
    }
    let (marks, info) = body.split_at(count);
    Some(Fence {
        marks,
        info: info.trim(),
    })
}

/// Whether `line` closes a block opened with `marks`.
fn closes(line: &str, marks: &str) -> bool {
    let body = line.trim_start_matches(' ');
    let mark = marks.chars().next().unwrap_or('`');
    let body = body.trim_end();
    line.len() - line.trim_start_matches(' ').len() <= 3
        && !body.is_empty()
        && body.chars().all(|c| c == mark)
        && body.len() >= marks.len()
}

/// Whether an info string names an interactive listing (`python,heap`, maybe with options).
fn is_heap_listing(info: &str) -> bool {
    let mut words = info.split(',').map(str::trim);
    words.next() == Some("python") && words.next() == Some("heap")
}

/// Whether an info string names a plain text block (the output shown after a listing).
fn is_text_block(info: &str) -> bool {
    info.split_whitespace().next() == Some("text")
}

/// The lines of a fenced block whose opening fence is `lines[open]`, and the index of the
/// line after its closing fence.
fn block_body(lines: &[&str], open: usize, marks: &str) -> (String, usize) {
    let mut body = String::new();
    let mut next = open + 1;
    while next < lines.len() {
        let line = lines[next];
        next += 1;
        if closes(line, marks) {
            break;
        }
        body.push_str(line);
        body.push('\n');
    }
    (body, next)
}

/// Every interactive listing in a chapter's markdown, with the output block after each. A
/// block nested in another fenced block is text, not a listing.
fn listings(markdown: &str) -> Vec<Listing> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(fence) = opening_fence(lines[i]) else {
            i += 1;
            continue;
        };
        let (body, next) = block_body(&lines, i, fence.marks);
        if !is_heap_listing(fence.info) {
            i = next;
            continue;
        }
        let mut after = next;
        while after < lines.len() && lines[after].trim().is_empty() {
            after += 1;
        }
        let shown_output = lines
            .get(after)
            .and_then(|line| opening_fence(line))
            .filter(|f| is_text_block(f.info))
            .map(|f| block_body(&lines, after, f.marks).0);
        found.push(Listing {
            line: i + 1,
            source: body,
            shown_output,
        });
        i = next;
    }
    found
}

/// What a run printed and how it ended.
#[derive(Debug, PartialEq)]
struct Run {
    stdout: String,
    /// The last non-empty line of stderr: the uncaught exception's type and message.
    error: String,
    status: i32,
}

/// The last non-empty line of `stderr`.
fn error_kind(stderr: &str) -> String {
    stderr
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Runs a listing under python3 as the corpus runs its programs.
fn run_cpython(source: &str) -> Run {
    let dir = scratch_dir("book");
    let program = dir.join("listing.py");
    std::fs::write(&program, source).expect("listing written");
    let output = run_python3(&program, "book-listing");
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        error: error_kind(&String::from_utf8_lossy(&output.stderr)),
        status: output.status.code().unwrap_or(-1),
    }
}

fn status_of(outcome: &Outcome) -> i32 {
    match outcome {
        Outcome::Finished => 0,
        _ => 1,
    }
}

/// Runs a listing on weaklink's VM; the second value lists what went wrong besides the output
/// (broken heap invariants, a recording that differs from the plain run).
fn run_weaklink(source: String) -> (Run, Vec<String>) {
    with_big_stack(move || {
        let mut vm = Vm::new(Options::default());
        let outcome = vm.run_program(&source, "<listing>");
        let mut problems = Vec::new();
        if let Err(violations) = vm.heap.check(&vm.roots()) {
            problems.extend(violations.iter().take(3).map(|v| v.to_string()));
        }
        let run = Run {
            stdout: vm.stdout.clone(),
            error: error_kind(&vm.stderr),
            status: status_of(&outcome),
        };
        let recorded = explore::record(&source, Options::default(), Limits::default());
        if recorded.truncated {
            problems.push("the widget's recording was cut short (too many steps)".into());
        }
        if recorded.stdout != run.stdout || status_of(&recorded.outcome) != run.status {
            problems.push("the widget's recording prints otherwise than the plain run".into());
        }
        (run, problems)
    })
}

fn book_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book/src")
}

/// Every markdown file under `dir`, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("book directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Where a listing is, for messages: the chapter file, its line and the listing's first line.
fn place(chapter: &str, listing: &Listing) -> String {
    let first = listing.source.lines().next().unwrap_or("");
    format!("{chapter}:{} (listing `{first}`)", listing.line)
}

/// Describes how two runs differ.
fn difference(expected: &Run, got: &Run) -> String {
    if expected.status != got.status {
        return format!(
            "exit status {} (python3 {}); stderr ends {:?} (python3 {:?})",
            got.status, expected.status, got.error, expected.error
        );
    }
    if expected.error != got.error {
        return format!("stderr ends {:?} (python3 {:?})", got.error, expected.error);
    }
    format!(
        "stdout: {}",
        first_line_difference(&expected.stdout, &got.stdout, "weaklink")
    )
}

#[test]
fn listings_match_cpython_and_their_shown_output() {
    let src = book_src();
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in markdown_files(&src) {
        let chapter = file
            .strip_prefix(&src)
            .unwrap_or(&file)
            .display()
            .to_string();
        let markdown = std::fs::read_to_string(&file).expect("chapter");
        for listing in listings(&markdown) {
            checked += 1;
            let here = place(&chapter, &listing);
            let expected = run_cpython(&listing.source);
            let (got, problems) = run_weaklink(listing.source.clone());
            if got != expected {
                failures.push(format!(
                    "{here}: weaklink differs from python3: {}",
                    difference(&expected, &got)
                ));
            }
            for problem in problems {
                failures.push(format!("{here}: {problem}"));
            }
            if let Some(shown) = &listing.shown_output {
                if *shown != expected.stdout {
                    failures.push(format!(
                        "{here}: the text block after it is not python3's output: {}",
                        first_line_difference(&expected.stdout, shown, "the book")
                    ));
                }
            }
        }
    }
    eprintln!("book: {checked} listings checked");
    assert!(checked >= 20, "only {checked} listings found in the book");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A listing expected in a table case: its line, its source and the output shown after it.
type ExpectedListing = (usize, &'static str, Option<&'static str>);

#[test]
fn finds_listings_and_their_output() {
    let cases: &[(&str, &[ExpectedListing])] = &[
        ("no code\n", &[]),
        ("```python\nx = 1\n```\n", &[]),
        ("```python,heap\nx = 1\n```\n", &[(1, "x = 1\n", None)]),
        (
            "text\n\n```python,heap\nprint(1)\n```\n\n```text\n1\n```\n",
            &[(3, "print(1)\n", Some("1\n"))],
        ),
        (
            "```python, heap, step\nprint(2)\n```\nprose\n```text\n2\n```\n",
            &[(1, "print(2)\n", None)],
        ),
        (
            "~~~~python,heap\n```\n~~~~\n~~~text\n```\n~~~\n",
            &[(1, "```\n", Some("```\n"))],
        ),
        ("````md\n```python,heap\nx\n```\n````\n", &[]),
        (
            "```python,heap\na\n```\n```python,heap\nb\n```\n",
            &[(1, "a\n", None), (4, "b\n", None)],
        ),
        ("```heap,python\nx\n```\n", &[]),
        ("```python,heap\nunclosed\n", &[(1, "unclosed\n", None)]),
    ];
    for (markdown, expected) in cases {
        let expected: Vec<Listing> = expected
            .iter()
            .map(|(line, source, shown)| Listing {
                line: *line,
                source: source.to_string(),
                shown_output: shown.map(str::to_string),
            })
            .collect();
        assert_eq!(listings(markdown), expected, "{markdown:?}");
    }
}

#[test]
fn error_kind_is_the_last_line() {
    let cases = [
        ("", ""),
        ("\n\n", ""),
        (
            "Traceback (most recent call last):\n  File \"x\", line 1\nZeroDivisionError: division by zero\n",
            "ZeroDivisionError: division by zero",
        ),
        ("a\nb\n\n", "b"),
    ];
    for (stderr, kind) in cases {
        assert_eq!(error_kind(stderr), kind, "{stderr:?}");
    }
}
