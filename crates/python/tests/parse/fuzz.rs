//! Inputs made by mutating the corpus and by stringing random tokens together, from a tiny
//! deterministic generator.

/// xorshift64*: small, deterministic, good enough to shuffle inputs.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (not zero).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (which is not zero).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One item of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Tokens and fragments to insert or to string together.
pub const VOCABULARY: &[&str] = &[
    "x",
    "y",
    "self",
    "print",
    "match",
    "_",
    "1",
    "0x1f",
    "1.5",
    "1e3",
    "1j",
    "'s'",
    "\"t\"",
    "f'{x}'",
    "f'{x!r:>{y}}'",
    "'''m'''",
    "b'b'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ";",
    ".",
    "...",
    "=",
    "==",
    "!=",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "<<",
    ">>",
    "&",
    "|",
    "^",
    "~",
    "<",
    ">",
    "<=",
    ">=",
    "+=",
    "-=",
    ":=",
    "->",
    "if",
    "else",
    "elif",
    "while",
    "for",
    "in",
    "not",
    "and",
    "or",
    "is",
    "def",
    "class",
    "return",
    "yield",
    "from",
    "import",
    "as",
    "try",
    "except",
    "finally",
    "with",
    "lambda",
    "pass",
    "break",
    "continue",
    "del",
    "global",
    "nonlocal",
    "assert",
    "raise",
    "None",
    "True",
    "False",
    "async",
    "await",
    "\n",
    "\n    ",
    "\n        ",
    "\n  ",
    "\\\n",
    "\t",
    " ",
    "#c",
    "'",
    "\"",
    "\"\"\"",
    "\\",
    "é",
    "€",
    "$",
    "?",
    "!",
    "`",
    "\u{a0}",
    "\u{1}",
];

/// Characters to insert.
const CHARS: &[char] = &[
    '(', ')', '[', ']', '{', '}', '\'', '"', '\\', '\n', '\t', ' ', ':', ',', '=', '*', '#', 'f',
    'x', '0', '.', 'é', '\r', '{', '!',
];

/// The byte ranges of a source's tokens (split on spaces and punctuation; good enough to
/// mutate).
fn pieces(source: &str) -> Vec<(usize, usize)> {
    match weaklink_python::syntax::tokenize(source) {
        Ok(tokens) => tokens
            .iter()
            .filter(|t| t.end > t.start)
            .map(|t| (t.start, t.end))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// A mutated copy of `source`.
pub fn mutate(rng: &mut Rng, source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let tokens = pieces(source);
    let out;
    match rng.below(8) {
        // Token edits.
        0..=3 if !tokens.is_empty() => {
            let i = rng.below(tokens.len());
            let (start, end) = tokens[i];
            let (before, piece, after) = (&source[..start], &source[start..end], &source[end..]);
            match rng.below(4) {
                0 => out = format!("{before}{after}"),
                1 => out = format!("{before}{piece} {piece}{after}"),
                2 => out = format!("{before}{}{after}", rng.pick(VOCABULARY)),
                _ => {
                    let (s2, e2) = tokens[rng.below(tokens.len())];
                    if s2 >= end {
                        out = format!(
                            "{before}{}{}{piece}{}",
                            &source[s2..e2],
                            &source[end..s2],
                            &source[e2..]
                        );
                    } else {
                        out = format!("{before}{piece}{piece}{after}");
                    }
                }
            }
        }
        // Character edits.
        _ => {
            let mut chars = chars;
            for _ in 0..=rng.below(3) {
                if chars.is_empty() {
                    chars.push('x');
                }
                let i = rng.below(chars.len());
                match rng.below(4) {
                    0 => {
                        chars.remove(i);
                    }
                    1 => chars.insert(i, chars[i]),
                    2 => chars.insert(i, *rng.pick(CHARS)),
                    _ => {
                        let j = rng.below(chars.len());
                        chars.swap(i, j);
                    }
                }
            }
            out = chars.into_iter().collect();
        }
    }
    out
}

/// A random stream of tokens.
pub fn random_tokens(rng: &mut Rng) -> String {
    let count = 1 + rng.below(40);
    let mut out = String::new();
    for _ in 0..count {
        out.push_str(rng.pick::<&str>(VOCABULARY));
        if rng.below(3) > 0 {
            out.push(' ');
        }
    }
    out
}
