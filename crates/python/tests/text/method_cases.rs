//! `str` methods: searching, splitting, stripping, case, predicates, padding, slicing.

use weaklink_python::text::*;

use crate::harness::{py_str, Rng, Table};

/// Strings the methods are tried on.
const SAMPLES: &[&str] = &[
    "",
    "a",
    "abc",
    "abcabc",
    "aaaa",
    "hello world",
    "  hello  world  ",
    "\t a\nb\x0bc\x0c d\r\n",
    "a,b,,c,",
    ",",
    ",,",
    "x\u{a0}y\u{3000}z\u{85}w\u{2028}v",
    "naïve café",
    "ΣΑΣ ΟΔΟΣ",
    "straße",
    "ǆemal ǅ",
    "ﬁne ﬂow",
    "İstanbul",
    "ᾳ ᾀ",
    "日本語のテキスト",
    "😀a😀b😀",
    "line1\nline2\r\nline3\rline4\x1c5\u{2029}6\n",
    "Hello World",
    "hELLO wORLD",
    "they're bill's",
    "123",
    "١٢٣",
    "½",
    "²",
    "Ⅻ",
    "三",
    "abc123",
    "_private",
    "9lives",
    "é_x",
    "\u{0300}a",
    "MiXeD cAsE 42",
    "ΌΣΟΣ",
    "A\tB\tC",
    "ab\tc\td\n\tx\ry\tz",
    "-42",
    "+7",
    "--",
    "",
    "-",
];

const SUBS: &[&str] = &[
    "", "a", "b", "bc", "abc", "l", "o w", ",", "😀", "é", "Σ", "zz", "aa",
];

const BOUNDS: &[Option<i64>] = &[
    None,
    Some(0),
    Some(1),
    Some(-1),
    Some(3),
    Some(-3),
    Some(100),
    Some(-100),
];

fn py_opt(v: Option<i64>) -> String {
    v.map_or("None".into(), |n| n.to_string())
}

/// How Python's `str()` shows a list of strings.
fn py_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| str_repr(s)).collect();
    format!("[{}]", parts.join(", "))
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

#[test]
fn searching_matches_python() {
    let mut t = Table::new("find/rfind/index/rindex/count/startswith/endswith");
    let mut rng = Rng::new(11);
    for s in SAMPLES {
        for sub in SUBS {
            let (ps, psub) = (py_str(s), py_str(sub));
            t.ok(format!("{ps}.find({psub})"), find(s, sub, None, None));
            t.ok(format!("{ps}.rfind({psub})"), rfind(s, sub, None, None));
            t.ok(format!("{ps}.count({psub})"), count(s, sub, None, None));
            t.ok(
                format!("{ps}.startswith({psub})"),
                py_bool(startswith(s, sub, None, None)),
            );
            t.ok(
                format!("{ps}.endswith({psub})"),
                py_bool(endswith(s, sub, None, None)),
            );
            for _ in 0..3 {
                let (a, b) = (*rng.pick(BOUNDS), *rng.pick(BOUNDS));
                let (pa, pb) = (py_opt(a), py_opt(b));
                t.ok(format!("{ps}.find({psub}, {pa}, {pb})"), find(s, sub, a, b));
                t.ok(
                    format!("{ps}.rfind({psub}, {pa}, {pb})"),
                    rfind(s, sub, a, b),
                );
                t.check(
                    format!("{ps}.index({psub}, {pa}, {pb})"),
                    index(s, sub, a, b),
                );
                t.check(
                    format!("{ps}.rindex({psub}, {pa}, {pb})"),
                    rindex(s, sub, a, b),
                );
                t.ok(
                    format!("{ps}.count({psub}, {pa}, {pb})"),
                    count(s, sub, a, b),
                );
                let sw = startswith(s, sub, a, b);
                t.ok(format!("{ps}.startswith({psub}, {pa}, {pb})"), py_bool(sw));
                let ew = endswith(s, sub, a, b);
                t.ok(format!("{ps}.endswith({psub}, {pa}, {pb})"), py_bool(ew));
            }
            for n in [-1, 0, 1, 2] {
                let r = replace(s, sub, "<>", n);
                t.check(format!("{ps}.replace({psub}, '<>', {n})"), r);
            }
        }
    }
    t.run();
}

#[test]
fn splitting_and_stripping_match_python() {
    let mut t = Table::new("split/rsplit/splitlines/partition/strip/join");
    let seps = [
        None,
        Some(""),
        Some(","),
        Some(" "),
        Some("a"),
        Some("aa"),
        Some("😀"),
        Some("\n"),
    ];
    for s in SAMPLES {
        let ps = py_str(s);
        for sep in seps {
            let psep = sep.map_or("None".into(), py_str);
            for max in [-1, 0, 1, 2] {
                let r = split(s, sep, max).map(|v| py_list(&v));
                t.check(format!("{ps}.split({psep}, {max})"), r);
                let r = rsplit(s, sep, max).map(|v| py_list(&v));
                t.check(format!("{ps}.rsplit({psep}, {max})"), r);
            }
            if let Some(sep) = sep {
                let r = partition(s, sep).map(|(a, b, c)| format!("{a}|{b}|{c}"));
                t.check(format!("{ps}.partition({psep})"), r);
                let r = rpartition(s, sep).map(|(a, b, c)| format!("{a}|{b}|{c}"));
                t.check(format!("{ps}.rpartition({psep})"), r);
                t.ok(format!("{ps}.removeprefix({psep})"), removeprefix(s, sep));
                t.ok(format!("{ps}.removesuffix({psep})"), removesuffix(s, sep));
            }
        }
        for keep in [false, true] {
            let pk = py_bool(keep);
            t.ok(
                format!("{ps}.splitlines({pk})"),
                py_list(&splitlines(s, keep)),
            );
        }
        for chars in [
            None,
            Some(""),
            Some("a"),
            Some(" ab"),
            Some("\n\t "),
            Some("😀"),
        ] {
            let pc = chars.map_or("None".into(), py_str);
            t.ok(format!("{ps}.strip({pc})"), strip(s, chars));
            t.ok(format!("{ps}.lstrip({pc})"), lstrip(s, chars));
            t.ok(format!("{ps}.rstrip({pc})"), rstrip(s, chars));
        }
        let parts: Vec<String> = s.chars().map(String::from).collect();
        t.ok(format!("'-'.join({ps})"), join("-", &parts));
        t.ok(format!("''.join({ps})"), join("", &parts));
    }
    t.run();
}

#[test]
fn case_and_predicates_match_python() {
    let mut t = Table::new("case mapping and is*() predicates");
    for s in SAMPLES {
        let ps = py_str(s);
        t.ok(format!("{ps}.upper()"), upper(s));
        t.ok(format!("{ps}.lower()"), lower(s));
        t.ok(format!("{ps}.capitalize()"), capitalize(s));
        t.ok(format!("{ps}.title()"), title(s));
        t.ok(format!("{ps}.swapcase()"), swapcase(s));
        t.ok(format!("{ps}.casefold()"), casefold(s));
        type Predicate = fn(&str) -> bool;
        let preds: [(&str, Predicate); 12] = [
            ("isdigit", str_isdigit),
            ("isdecimal", str_isdecimal),
            ("isnumeric", str_isnumeric),
            ("isalpha", str_isalpha),
            ("isalnum", str_isalnum),
            ("isspace", str_isspace),
            ("isupper", str_isupper),
            ("islower", str_islower),
            ("istitle", str_istitle),
            ("isidentifier", str_isidentifier),
            ("isprintable", str_isprintable),
            ("isascii", str_isascii),
        ];
        for (name, pred) in preds {
            t.ok(format!("{ps}.{name}()"), py_bool(pred(s)));
        }
    }
    t.run();
}

#[test]
fn padding_matches_python() {
    let mut t = Table::new("center/ljust/rjust/zfill/expandtabs/repeat");
    for s in SAMPLES {
        let ps = py_str(s);
        for width in [-1, 0, 1, 2, 5, 6, 7, 12] {
            for fill in [" ", "*", "é"] {
                let pf = py_str(fill);
                let c = fill_char(fill).unwrap();
                t.check(format!("{ps}.center({width}, {pf})"), center(s, width, c));
                t.check(format!("{ps}.ljust({width}, {pf})"), ljust(s, width, c));
                t.check(format!("{ps}.rjust({width}, {pf})"), rjust(s, width, c));
            }
            t.check(format!("{ps}.zfill({width})"), zfill(s, width));
        }
        for size in [-1, 0, 1, 4, 8] {
            t.check(format!("{ps}.expandtabs({size})"), expandtabs(s, size));
        }
        for n in [-1, 0, 1, 3] {
            t.check(format!("{ps} * {n}"), repeat(s, n));
        }
    }
    for fill in ["", "ab"] {
        t.check(format!("'x'.center(5, {})", py_str(fill)), fill_char(fill));
    }
    t.check("'ab' * (1 << 40)", repeat("ab", 1 << 40));
    t.run();
}

#[test]
fn slicing_matches_python() {
    let mut t = Table::new("indexing and slicing");
    let bounds: Vec<Option<i64>> = vec![
        None,
        Some(0),
        Some(1),
        Some(2),
        Some(-1),
        Some(-2),
        Some(5),
        Some(-7),
        Some(100),
    ];
    let steps = [
        None,
        Some(1),
        Some(2),
        Some(3),
        Some(-1),
        Some(-2),
        Some(0),
        Some(i64::MIN),
    ];
    let mut rng = Rng::new(5);
    for s in ["", "a", "abcdef", "héllo wörld", "😀a😀b"] {
        let ps = py_str(s);
        for i in [-7, -1, 0, 1, 3, 5, 6, 100] {
            t.check(format!("{ps}[{i}]"), str_index(s, i));
        }
        for _ in 0..60 {
            let (a, b, c) = (*rng.pick(&bounds), *rng.pick(&bounds), *rng.pick(&steps));
            let expr = format!("{ps}[{}:{}:{}]", py_opt(a), py_opt(b), py_opt(c));
            t.check(expr, str_slice(s, a, b, c));
            let r =
                slice_indices(char_len(s), a, b, c).map(|(x, y, z, n)| format!("{x}|{y}|{z}|{n}"));
            let expr = format!(
                "(*slice({}, {}, {}).indices(len({ps})), len(range(*slice({}, {}, {}).indices(len({ps})))))",
                py_opt(a), py_opt(b), py_opt(c), py_opt(a), py_opt(b), py_opt(c)
            );
            t.check(expr, r);
        }
    }
    for (a, b) in [
        ("a", "b"),
        ("abc", "abd"),
        ("ab", "abc"),
        ("é", "z"),
        ("😀", "\u{ffff}"),
        ("", ""),
    ] {
        let ord = match str_compare(a, b) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        };
        t.ok(
            format!(
                "({} > {}) - ({} < {})",
                py_str(a),
                py_str(b),
                py_str(a),
                py_str(b)
            ),
            ord,
        );
    }
    t.run();
}
