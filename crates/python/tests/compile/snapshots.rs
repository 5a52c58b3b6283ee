//! Snippets and their disassembly: the shapes CPython 3.11 gives each construct (compare with
//! `python3 -c "import dis; dis.dis(compile(src, '<s>', 'exec'))"`, which also shows
//! `RESUME`, `PRECALL` and `CACHE` entries and has no `SETUP_FINALLY`/`POP_BLOCK`, its
//! handlers living in a separate table).

use expect_test::{expect, Expect};

use super::harness::compile;
use weaklink_python::compile::disassemble;

fn check(source: &str, expected: Expect) {
    expected.assert_eq(&disassemble(&compile(source)));
}

#[test]
fn constants_and_folding() {
    check(
        "x = -1\ny = 2 * 3 + 1\nz = 'ab' * 2\nt = (1, (2, 'a'))\nu = not 1\nv = (1, 2)[0]",
        expect![[r#"
        1             0 LOAD_CONST              0 (-1)
                      1 STORE_NAME              0 (x)

        2             2 LOAD_CONST              1 (7)
                      3 STORE_NAME              1 (y)

        3             4 LOAD_CONST              2 ('abab')
                      5 STORE_NAME              2 (z)

        4             6 LOAD_CONST              3 ((1, (2, 'a')))
                      7 STORE_NAME              3 (t)

        5             8 LOAD_CONST              4 (False)
                      9 STORE_NAME              4 (u)

        6            10 LOAD_CONST              5 (1)
                     11 STORE_NAME              5 (v)
                     12 LOAD_CONST              6 (None)
                     13 RETURN_VALUE
    "#]],
    );
    check(
        "a = 2 ** 64\nb = 1 / 0\nc = 'x' * -1\nd = 7 // -2\ne = -7 % 3\nf = 1.5 * 2",
        expect![[r#"
            1             0 LOAD_CONST              0 (18446744073709551616)
                          1 STORE_NAME              0 (a)

            2             2 LOAD_CONST              1 (1)
                          3 LOAD_CONST              2 (0)
                          4 BINARY_OP                 (/)
                          5 STORE_NAME              1 (b)

            3             6 LOAD_CONST              3 ('x')
                          7 LOAD_CONST              4 (-1)
                          8 BINARY_OP                 (*)
                          9 STORE_NAME              2 (c)

            4            10 LOAD_CONST              5 (-4)
                         11 STORE_NAME              3 (d)

            5            12 LOAD_CONST              6 (2)
                         13 STORE_NAME              4 (e)

            6            14 LOAD_CONST              7 (3.0)
                         15 STORE_NAME              5 (f)
                         16 LOAD_CONST              8 (None)
                         17 RETURN_VALUE
        "#]],
    );
    check(
        "x = ...\ny = None\nz = __debug__",
        expect![[r#"
        1             0 LOAD_CONST              0 (Ellipsis)
                      1 STORE_NAME              0 (x)

        2             2 LOAD_CONST              1 (None)
                      3 STORE_NAME              1 (y)

        3             4 LOAD_CONST              2 (True)
                      5 STORE_NAME              2 (z)
                      6 LOAD_CONST              1 (None)
                      7 RETURN_VALUE
    "#]],
    );
    check(
        "s = '%s and %r' % (a, b)\nt = '%d' % (a,)\nu = '%5s|%-3s|%.2s' % (a, b, c)",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)
                      1 FORMAT_VALUE              (str)
                      2 LOAD_CONST              0 (' and ')
                      3 LOAD_NAME               1 (b)
                      4 FORMAT_VALUE              (repr)
                      5 BUILD_STRING            3
                      6 STORE_NAME              2 (s)

        2             7 LOAD_CONST              1 ('%d')
                      8 LOAD_NAME               0 (a)
                      9 BUILD_TUPLE             1
                     10 BINARY_OP                 (%)
                     11 STORE_NAME              3 (t)

        3            12 LOAD_NAME               0 (a)
                     13 LOAD_CONST              2 ('>5')
                     14 FORMAT_VALUE              (str, with format)
                     15 LOAD_CONST              3 ('|')
                     16 LOAD_NAME               1 (b)
                     17 LOAD_CONST              4 ('3')
                     18 FORMAT_VALUE              (str, with format)
                     19 LOAD_CONST              3 ('|')
                     20 LOAD_NAME               4 (c)
                     21 LOAD_CONST              5 ('.2')
                     22 FORMAT_VALUE              (str, with format)
                     23 BUILD_STRING            5
                     24 STORE_NAME              5 (u)
                     25 LOAD_CONST              6 (None)
                     26 RETURN_VALUE
    "#]],
    );
}

#[test]
fn operators() {
    check(
        "x = a + b * c\ny = -a\nz = ~a\nw = not a",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)
                      1 LOAD_NAME               1 (b)
                      2 LOAD_NAME               2 (c)
                      3 BINARY_OP                 (*)
                      4 BINARY_OP                 (+)
                      5 STORE_NAME              3 (x)

        2             6 LOAD_NAME               0 (a)
                      7 UNARY_NEGATIVE
                      8 STORE_NAME              4 (y)

        3             9 LOAD_NAME               0 (a)
                     10 UNARY_INVERT
                     11 STORE_NAME              5 (z)

        4            12 LOAD_NAME               0 (a)
                     13 UNARY_NOT
                     14 STORE_NAME              6 (w)
                     15 LOAD_CONST              0 (None)
                     16 RETURN_VALUE
    "#]],
    );
    check(
        "x = a and b or c",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)
                      1 POP_JUMP_IF_FALSE       4 (to 4)
                      2 LOAD_NAME               1 (b)
                      3 JUMP_IF_TRUE_OR_POP     5 (to 5)
                >>    4 LOAD_NAME               2 (c)
                >>    5 STORE_NAME              3 (x)
                      6 LOAD_CONST              0 (None)
                      7 RETURN_VALUE
    "#]],
    );
    check(
        "x = a < b\ny = a is not b\nz = a not in b\nw = not a in b",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)
                      1 LOAD_NAME               1 (b)
                      2 COMPARE_OP                (<)
                      3 STORE_NAME              2 (x)

        2             4 LOAD_NAME               0 (a)
                      5 LOAD_NAME               1 (b)
                      6 IS_OP                   1 (is not)
                      7 STORE_NAME              3 (y)

        3             8 LOAD_NAME               0 (a)
                      9 LOAD_NAME               1 (b)
                     10 CONTAINS_OP             1 (not in)
                     11 STORE_NAME              4 (z)

        4            12 LOAD_NAME               0 (a)
                     13 LOAD_NAME               1 (b)
                     14 CONTAINS_OP             1 (not in)
                     15 STORE_NAME              5 (w)
                     16 LOAD_CONST              0 (None)
                     17 RETURN_VALUE
    "#]],
    );
    check(
        "x = a < b < c",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)
                      1 LOAD_NAME               1 (b)
                      2 SWAP                    2
                      3 COPY                    2
                      4 COMPARE_OP                (<)
                      5 JUMP_IF_FALSE_OR_POP    9 (to 9)
                      6 LOAD_NAME               2 (c)
                      7 COMPARE_OP                (<)
                      8 JUMP                   11 (to 11)
                >>    9 SWAP                    2
                     10 POP_TOP
                >>   11 STORE_NAME              3 (x)
                     12 LOAD_CONST              0 (None)
                     13 RETURN_VALUE
    "#]],
    );
    check(
        "x = a if b else c",
        expect![[r#"
        1             0 LOAD_NAME               0 (b)
                      1 POP_JUMP_IF_FALSE       4 (to 4)
                      2 LOAD_NAME               1 (a)
                      3 JUMP                    5 (to 5)
                >>    4 LOAD_NAME               2 (c)
                >>    5 STORE_NAME              3 (x)
                      6 LOAD_CONST              0 (None)
                      7 RETURN_VALUE
    "#]],
    );
    check(
        "if (y := f()):\n    pass",
        expect![[r#"
            1             0 PUSH_NULL
                          1 LOAD_NAME               0 (f)
                          2 CALL                    0
                          3 COPY                    1
                          4 STORE_NAME              1 (y)
                          5 POP_JUMP_IF_FALSE       8 (to 8)

            2             6 LOAD_CONST              0 (None)
                          7 RETURN_VALUE

            1       >>    8 LOAD_CONST              0 (None)
                          9 RETURN_VALUE
        "#]],
    );
}

#[test]
fn displays() {
    check(
        "a = [1, 2, 3]\nb = [x, y]\nc = {1, 2, 3}\nd = {x: 1, 'k': y}\ne = (x, y)",
        expect![[r#"
        1             0 BUILD_LIST              0
                      1 LOAD_CONST              0 ((1, 2, 3))
                      2 LIST_EXTEND             1
                      3 STORE_NAME              0 (a)

        2             4 LOAD_NAME               1 (x)
                      5 LOAD_NAME               2 (y)
                      6 BUILD_LIST              2
                      7 STORE_NAME              3 (b)

        3             8 BUILD_SET               0
                      9 LOAD_CONST              0 ((1, 2, 3))
                     10 SET_UPDATE              1
                     11 STORE_NAME              4 (c)

        4            12 LOAD_NAME               1 (x)
                     13 LOAD_CONST              1 (1)
                     14 LOAD_CONST              2 ('k')
                     15 LOAD_NAME               2 (y)
                     16 BUILD_MAP               2
                     17 STORE_NAME              5 (d)

        5            18 LOAD_NAME               1 (x)
                     19 LOAD_NAME               2 (y)
                     20 BUILD_TUPLE             2
                     21 STORE_NAME              6 (e)
                     22 LOAD_CONST              3 (None)
                     23 RETURN_VALUE
    "#]],
    );
    check(
        "a = [*x, 1, *y]\nb = (*x,)\nc = {**x, 'a': 1}\nd = {*x}",
        expect![[r#"
        1             0 BUILD_LIST              0
                      1 LOAD_NAME               0 (x)
                      2 LIST_EXTEND             1
                      3 LOAD_CONST              0 (1)
                      4 LIST_APPEND             1
                      5 LOAD_NAME               1 (y)
                      6 LIST_EXTEND             1
                      7 STORE_NAME              2 (a)

        2             8 BUILD_LIST              0
                      9 LOAD_NAME               0 (x)
                     10 LIST_EXTEND             1
                     11 LIST_TO_TUPLE
                     12 STORE_NAME              3 (b)

        3            13 BUILD_MAP               0
                     14 LOAD_NAME               0 (x)
                     15 DICT_UPDATE             1
                     16 LOAD_CONST              1 ('a')
                     17 LOAD_CONST              0 (1)
                     18 BUILD_MAP               1
                     19 DICT_UPDATE             1
                     20 STORE_NAME              4 (c)

        4            21 BUILD_SET               0
                     22 LOAD_NAME               0 (x)
                     23 SET_UPDATE              1
                     24 STORE_NAME              5 (d)
                     25 LOAD_CONST              2 (None)
                     26 RETURN_VALUE
    "#]],
    );
    check(
        "x = a[1]\na[1:2] = b\ndel a[::2]\ny = a[i, 1:]",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)
                      1 LOAD_CONST              0 (1)
                      2 BINARY_SUBSCR
                      3 STORE_NAME              1 (x)

        2             4 LOAD_NAME               2 (b)
                      5 LOAD_NAME               0 (a)
                      6 LOAD_CONST              0 (1)
                      7 LOAD_CONST              1 (2)
                      8 BUILD_SLICE             2
                      9 STORE_SUBSCR

        3            10 LOAD_NAME               0 (a)
                     11 LOAD_CONST              2 (None)
                     12 LOAD_CONST              2 (None)
                     13 LOAD_CONST              1 (2)
                     14 BUILD_SLICE             3
                     15 DELETE_SUBSCR

        4            16 LOAD_NAME               0 (a)
                     17 LOAD_NAME               3 (i)
                     18 LOAD_CONST              0 (1)
                     19 LOAD_CONST              2 (None)
                     20 BUILD_SLICE             2
                     21 BUILD_TUPLE             2
                     22 BINARY_SUBSCR
                     23 STORE_NAME              4 (y)
                     24 LOAD_CONST              2 (None)
                     25 RETURN_VALUE
    "#]],
    );
    check(
        "s = f'{x}'\nt = f'a{x!r:>{w}}b{y}'\nu = f''",
        expect![[r#"
        1             0 LOAD_NAME               0 (x)
                      1 FORMAT_VALUE
                      2 STORE_NAME              1 (s)

        2             3 LOAD_CONST              0 ('a')
                      4 LOAD_NAME               0 (x)
                      5 LOAD_CONST              1 ('>')
                      6 LOAD_NAME               2 (w)
                      7 FORMAT_VALUE
                      8 BUILD_STRING            2
                      9 FORMAT_VALUE              (repr, with format)
                     10 LOAD_CONST              2 ('b')
                     11 LOAD_NAME               3 (y)
                     12 FORMAT_VALUE
                     13 BUILD_STRING            4
                     14 STORE_NAME              4 (t)

        3            15 BUILD_STRING            0
                     16 STORE_NAME              5 (u)
                     17 LOAD_CONST              3 (None)
                     18 RETURN_VALUE
    "#]],
    );
}

#[test]
fn calls() {
    check(
        "f(1, x)\no.m(1, k=2)\nf(*a, **k)\nf(a, *b, c)\no.m(*a)",
        expect![[r#"
        1             0 PUSH_NULL
                      1 LOAD_NAME               0 (f)
                      2 LOAD_CONST              0 (1)
                      3 LOAD_NAME               1 (x)
                      4 CALL                    2
                      5 POP_TOP

        2             6 LOAD_NAME               2 (o)
                      7 LOAD_METHOD             3 (m)
                      8 LOAD_CONST              0 (1)
                      9 LOAD_CONST              1 (2)
                     10 KW_NAMES                2 (('k',))
                     11 CALL                    2
                     12 POP_TOP

        3            13 PUSH_NULL
                     14 LOAD_NAME               0 (f)
                     15 LOAD_NAME               4 (a)
                     16 BUILD_MAP               0
                     17 LOAD_NAME               5 (k)
                     18 DICT_MERGE              1
                     19 CALL_FUNCTION_EX        1
                     20 POP_TOP

        4            21 PUSH_NULL
                     22 LOAD_NAME               0 (f)
                     23 LOAD_NAME               4 (a)
                     24 BUILD_LIST              1
                     25 LOAD_NAME               6 (b)
                     26 LIST_EXTEND             1
                     27 LOAD_NAME               7 (c)
                     28 LIST_APPEND             1
                     29 LIST_TO_TUPLE
                     30 CALL_FUNCTION_EX        0
                     31 POP_TOP

        5            32 PUSH_NULL
                     33 LOAD_NAME               2 (o)
                     34 LOAD_ATTR               3 (m)
                     35 LOAD_NAME               4 (a)
                     36 CALL_FUNCTION_EX        0
                     37 POP_TOP
                     38 LOAD_CONST              3 (None)
                     39 RETURN_VALUE
    "#]],
    );
    check(
        "f(a, k=1, **d, j=2)\nf(**d)",
        expect![[r#"
        1             0 PUSH_NULL
                      1 LOAD_NAME               0 (f)
                      2 LOAD_NAME               1 (a)
                      3 BUILD_TUPLE             1
                      4 LOAD_CONST              0 ('k')
                      5 LOAD_CONST              1 (1)
                      6 BUILD_MAP               1
                      7 LOAD_NAME               2 (d)
                      8 DICT_MERGE              1
                      9 LOAD_CONST              2 ('j')
                     10 LOAD_CONST              3 (2)
                     11 BUILD_MAP               1
                     12 DICT_MERGE              1
                     13 CALL_FUNCTION_EX        1
                     14 POP_TOP

        2            15 PUSH_NULL
                     16 LOAD_NAME               0 (f)
                     17 LOAD_CONST              4 (())
                     18 BUILD_MAP               0
                     19 LOAD_NAME               2 (d)
                     20 DICT_MERGE              1
                     21 CALL_FUNCTION_EX        1
                     22 POP_TOP
                     23 LOAD_CONST              5 (None)
                     24 RETURN_VALUE
    "#]],
    );
    check(
        "def g():\n    print(len(x))\n    x = 1",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object g, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (g)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object g, line 1>:
        2             0 LOAD_GLOBAL             0 (NULL + print)
                      1 LOAD_GLOBAL             1 (NULL + len)
                      2 LOAD_FAST               0 (x)
                      3 CALL                    1
                      4 CALL                    1
                      5 POP_TOP

        3             6 LOAD_CONST              1 (1)
                      7 STORE_FAST              0 (x)
                      8 LOAD_CONST              0 (None)
                      9 RETURN_VALUE
    "#]],
    );
}

#[test]
fn assignments() {
    check(
        "a = b = c\na.x = 1\na[k] = 2",
        expect![[r#"
        1             0 LOAD_NAME               0 (c)
                      1 COPY                    1
                      2 STORE_NAME              1 (a)
                      3 STORE_NAME              2 (b)

        2             4 LOAD_CONST              0 (1)
                      5 LOAD_NAME               1 (a)
                      6 STORE_ATTR              3 (x)

        3             7 LOAD_CONST              1 (2)
                      8 LOAD_NAME               1 (a)
                      9 LOAD_NAME               4 (k)
                     10 STORE_SUBSCR
                     11 LOAD_CONST              2 (None)
                     12 RETURN_VALUE
    "#]],
    );
    check(
        "a, b = c\na, *b = c\n(a, b), c = d\n[a, b] = c",
        expect![[r#"
        1             0 LOAD_NAME               0 (c)
                      1 UNPACK_SEQUENCE         2
                      2 STORE_NAME              1 (a)
                      3 STORE_NAME              2 (b)

        2             4 LOAD_NAME               0 (c)
                      5 UNPACK_EX                 (1 before, 0 after)
                      6 STORE_NAME              1 (a)
                      7 STORE_NAME              2 (b)

        3             8 LOAD_NAME               3 (d)
                      9 UNPACK_SEQUENCE         2
                     10 UNPACK_SEQUENCE         2
                     11 STORE_NAME              1 (a)
                     12 STORE_NAME              2 (b)
                     13 STORE_NAME              0 (c)

        4            14 LOAD_NAME               0 (c)
                     15 UNPACK_SEQUENCE         2
                     16 STORE_NAME              1 (a)
                     17 STORE_NAME              2 (b)
                     18 LOAD_CONST              0 (None)
                     19 RETURN_VALUE
    "#]],
    );
    check(
        "a, b = b, a\na, b, c = c, b, a\na.x, b = b, a",
        expect![[r#"
        1             0 LOAD_NAME               0 (b)
                      1 LOAD_NAME               1 (a)
                      2 SWAP                    2
                      3 STORE_NAME              1 (a)
                      4 STORE_NAME              0 (b)

        2             5 LOAD_NAME               2 (c)
                      6 LOAD_NAME               0 (b)
                      7 LOAD_NAME               1 (a)
                      8 SWAP                    3
                      9 STORE_NAME              1 (a)
                     10 STORE_NAME              0 (b)
                     11 STORE_NAME              2 (c)

        3            12 LOAD_NAME               0 (b)
                     13 LOAD_NAME               1 (a)
                     14 SWAP                    2
                     15 LOAD_NAME               1 (a)
                     16 STORE_ATTR              3 (x)
                     17 STORE_NAME              0 (b)
                     18 LOAD_CONST              0 (None)
                     19 RETURN_VALUE
    "#]],
    );
    check(
        "def f(a, b):\n    a, b = b, a\n    a, b, c = c, b, a\n    x, = y,",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 LOAD_FAST               1 (b)
                      1 LOAD_FAST               0 (a)
                      2 STORE_FAST              1 (b)
                      3 STORE_FAST              0 (a)

        3             4 LOAD_FAST               2 (c)
                      5 LOAD_FAST               1 (b)
                      6 LOAD_FAST               0 (a)
                      7 STORE_FAST              2 (c)
                      8 STORE_FAST              1 (b)
                      9 STORE_FAST              0 (a)

        4            10 LOAD_GLOBAL             0 (y)
                     11 STORE_FAST              3 (x)
                     12 LOAD_CONST              0 (None)
                     13 RETURN_VALUE
    "#]],
    );
    check(
        "x += 1\na.b -= 2\na[k] *= 3",
        expect![[r#"
        1             0 LOAD_NAME               0 (x)
                      1 LOAD_CONST              0 (1)
                      2 BINARY_OP                 (+=)
                      3 STORE_NAME              0 (x)

        2             4 LOAD_NAME               1 (a)
                      5 COPY                    1
                      6 LOAD_ATTR               2 (b)
                      7 LOAD_CONST              1 (2)
                      8 BINARY_OP                 (-=)
                      9 SWAP                    2
                     10 STORE_ATTR              2 (b)

        3            11 LOAD_NAME               1 (a)
                     12 LOAD_NAME               3 (k)
                     13 COPY                    2
                     14 COPY                    2
                     15 BINARY_SUBSCR
                     16 LOAD_CONST              2 (3)
                     17 BINARY_OP                 (*=)
                     18 SWAP                    3
                     19 SWAP                    2
                     20 STORE_SUBSCR
                     21 LOAD_CONST              3 (None)
                     22 RETURN_VALUE
    "#]],
    );
    check(
        "x: int = 1\ny: str\na.b: int = 2",
        expect![[r#"
        1             0 BUILD_MAP               0
                      1 STORE_NAME              0 (__annotations__)
                      2 LOAD_CONST              0 (1)
                      3 STORE_NAME              1 (x)
                      4 LOAD_NAME               2 (int)
                      5 LOAD_NAME               0 (__annotations__)
                      6 LOAD_CONST              1 ('x')
                      7 STORE_SUBSCR

        2             8 LOAD_NAME               3 (str)
                      9 LOAD_NAME               0 (__annotations__)
                     10 LOAD_CONST              2 ('y')
                     11 STORE_SUBSCR

        3            12 LOAD_CONST              3 (2)
                     13 LOAD_NAME               4 (a)
                     14 STORE_ATTR              5 (b)
                     15 LOAD_NAME               2 (int)
                     16 POP_TOP
                     17 LOAD_CONST              4 (None)
                     18 RETURN_VALUE
    "#]],
    );
    check(
        "del a, b.c, d[e]",
        expect![[r#"
        1             0 DELETE_NAME             0 (a)
                      1 LOAD_NAME               1 (b)
                      2 DELETE_ATTR             2 (c)
                      3 LOAD_NAME               3 (d)
                      4 LOAD_NAME               4 (e)
                      5 DELETE_SUBSCR
                      6 LOAD_CONST              0 (None)
                      7 RETURN_VALUE
    "#]],
    );
}

#[test]
fn control_flow() {
    check(
        "if a:\n    b()\nelif c:\n    d()\nelse:\n    e()",
        expect![[r#"
            1             0 LOAD_NAME               0 (a)
                          1 POP_JUMP_IF_FALSE       8 (to 8)

            2             2 PUSH_NULL
                          3 LOAD_NAME               1 (b)
                          4 CALL                    0
                          5 POP_TOP
                          6 LOAD_CONST              0 (None)
                          7 RETURN_VALUE

            3       >>    8 LOAD_NAME               2 (c)
                          9 POP_JUMP_IF_FALSE      16 (to 16)

            4            10 PUSH_NULL
                         11 LOAD_NAME               3 (d)
                         12 CALL                    0
                         13 POP_TOP
                         14 LOAD_CONST              0 (None)
                         15 RETURN_VALUE

            6       >>   16 PUSH_NULL
                         17 LOAD_NAME               4 (e)
                         18 CALL                    0
                         19 POP_TOP
                         20 LOAD_CONST              0 (None)
                         21 RETURN_VALUE
        "#]],
    );
    check(
        "while x:\n    x -= 1\nelse:\n    y = 1",
        expect![[r#"
        1             0 LOAD_NAME               0 (x)
                      1 POP_JUMP_IF_FALSE       8 (to 8)

        2       >>    2 LOAD_NAME               0 (x)
                      3 LOAD_CONST              0 (1)
                      4 BINARY_OP                 (-=)
                      5 STORE_NAME              0 (x)

        1             6 LOAD_NAME               0 (x)
                      7 POP_JUMP_IF_TRUE        2 (to 2)

        4       >>    8 LOAD_CONST              0 (1)
                      9 STORE_NAME              1 (y)
                     10 LOAD_CONST              1 (None)
                     11 RETURN_VALUE
    "#]],
    );
    check(
        "while True:\n    if a:\n        break\n    if b:\n        continue\n    c()",
        expect![[r#"
            1       >>    0 NOP

            2       >>    1 LOAD_NAME               0 (a)
                          2 POP_JUMP_IF_FALSE       5 (to 5)

            3             3 LOAD_CONST              0 (None)
                          4 RETURN_VALUE

            4       >>    5 LOAD_NAME               1 (b)
                          6 POP_JUMP_IF_FALSE       8 (to 8)

            5             7 JUMP                    0 (to 0)

            6       >>    8 PUSH_NULL
                          9 LOAD_NAME               2 (c)
                         10 CALL                    0
                         11 POP_TOP

            1            12 JUMP                    1 (to 1)
        "#]],
    );
    check(
        "for i in [1, 2]:\n    if i:\n        break\nelse:\n    z = 0",
        expect![[r#"
            1             0 LOAD_CONST              0 ((1, 2))
                          1 GET_ITER
                    >>    2 FOR_ITER               10 (to 10)
                          3 STORE_NAME              0 (i)

            2             4 LOAD_NAME               0 (i)
                          5 POP_JUMP_IF_FALSE       9 (to 9)

            3             6 POP_TOP
                          7 LOAD_CONST              2 (None)
                          8 RETURN_VALUE

            2       >>    9 JUMP                    2 (to 2)

            5       >>   10 LOAD_CONST              1 (0)
                         11 STORE_NAME              1 (z)
                         12 LOAD_CONST              2 (None)
                         13 RETURN_VALUE
        "#]],
    );
    check(
        "for a, b in x:\n    continue",
        expect![[r#"
            1             0 LOAD_NAME               0 (x)
                          1 GET_ITER
                    >>    2 FOR_ITER                7 (to 7)
                          3 UNPACK_SEQUENCE         2
                          4 STORE_NAME              1 (a)
                          5 STORE_NAME              2 (b)

            2             6 JUMP                    2 (to 2)

            1       >>    7 LOAD_CONST              0 (None)
                          8 RETURN_VALUE
        "#]],
    );
    check(
        "if a and not b:\n    c()",
        expect![[r#"
            1             0 LOAD_NAME               0 (a)
                          1 POP_JUMP_IF_FALSE      10 (to 10)
                          2 LOAD_NAME               1 (b)
                          3 POP_JUMP_IF_TRUE       12 (to 12)

            2             4 PUSH_NULL
                          5 LOAD_NAME               2 (c)
                          6 CALL                    0
                          7 POP_TOP
                          8 LOAD_CONST              0 (None)
                          9 RETURN_VALUE

            1       >>   10 LOAD_CONST              0 (None)
                         11 RETURN_VALUE
                    >>   12 LOAD_CONST              0 (None)
                         13 RETURN_VALUE
        "#]],
    );
    check(
        "assert x\nassert y, 'message'",
        expect![[r#"
        1             0 LOAD_NAME               0 (x)
                      1 POP_JUMP_IF_TRUE        4 (to 4)
                      2 LOAD_ASSERTION_ERROR
                      3 RAISE_VARARGS           1

        2       >>    4 LOAD_NAME               1 (y)
                      5 POP_JUMP_IF_TRUE       10 (to 10)
                      6 LOAD_ASSERTION_ERROR
                      7 LOAD_CONST              0 ('message')
                      8 CALL                    0
                      9 RAISE_VARARGS           1
                >>   10 LOAD_CONST              1 (None)
                     11 RETURN_VALUE
    "#]],
    );
    check(
        "def f():\n    if a:\n        raise\n    if b:\n        raise E\n    raise E from c",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 LOAD_GLOBAL             0 (a)
                      1 POP_JUMP_IF_FALSE       3 (to 3)

        3             2 RAISE_VARARGS           0

        4       >>    3 LOAD_GLOBAL             1 (b)
                      4 POP_JUMP_IF_FALSE       7 (to 7)

        5             5 LOAD_GLOBAL             2 (E)
                      6 RAISE_VARARGS           1

        6       >>    7 LOAD_GLOBAL             2 (E)
                      8 LOAD_GLOBAL             3 (c)
                      9 RAISE_VARARGS           2
    "#]],
    );
}

#[test]
fn imports() {
    check("import sys\nimport a.b.c\nimport a.b as c\nfrom m import x, y as z\nfrom . import q\nfrom m import *", expect![[r#"
        1             0 IMPORT_NAME             0 (sys)
                      1 STORE_NAME              0 (sys)

        2             2 IMPORT_NAME             1 (a.b.c)
                      3 STORE_NAME              2 (a)

        3             4 IMPORT_NAME             3 (a.b)
                      5 IMPORT_FROM             4 (b)
                      6 STORE_NAME              5 (c)
                      7 POP_TOP

        4             8 IMPORT_NAME             6 (m)
                      9 IMPORT_FROM             7 (x)
                     10 STORE_NAME              7 (x)
                     11 IMPORT_FROM             8 (y)
                     12 STORE_NAME              9 (z)
                     13 POP_TOP

        5            14 IMPORT_NAME            10 (.)
                     15 IMPORT_FROM            11 (q)
                     16 STORE_NAME             11 (q)
                     17 POP_TOP

        6            18 IMPORT_NAME             6 (m)
                     19 IMPORT_STAR
                     20 LOAD_CONST              0 (None)
                     21 RETURN_VALUE
    "#]]);
    check(
        "def f():\n    import gc\n    from weakref import ref",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 IMPORT_NAME             0 (gc)
                      1 STORE_FAST              0 (gc)

        3             2 IMPORT_NAME             1 (weakref)
                      3 IMPORT_FROM             2 (ref)
                      4 STORE_FAST              1 (ref)
                      5 POP_TOP
                      6 LOAD_CONST              0 (None)
                      7 RETURN_VALUE
    "#]],
    );
}

#[test]
fn functions() {
    check(
        "def f(a, b=1, *c, d, e=2, **g):\n    return a",
        expect![[r#"
            1             0 LOAD_CONST              1 ((1,))
                          1 LOAD_CONST              2 ('e')
                          2 LOAD_CONST              3 (2)
                          3 BUILD_MAP               1
                          4 LOAD_CONST              4 (<code object f, line 1>)
                          5 MAKE_FUNCTION             (defaults, kwdefaults)
                          6 STORE_NAME              0 (f)
                          7 LOAD_CONST              5 (None)
                          8 RETURN_VALUE

            Disassembly of <code object f, line 1>:
            2             0 LOAD_FAST               0 (a)
                          1 RETURN_VALUE
        "#]],
    );
    check(
        "def f(x=a, y=b):\n    pass",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)
                      1 LOAD_NAME               1 (b)
                      2 BUILD_TUPLE             2
                      3 LOAD_CONST              0 (<code object f, line 1>)
                      4 MAKE_FUNCTION             (defaults)
                      5 STORE_NAME              2 (f)
                      6 LOAD_CONST              1 (None)
                      7 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 LOAD_CONST              0 (None)
                      1 RETURN_VALUE
    "#]],
    );
    check(
        "def f():\n    '''doc'''\n    return 1",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        3             0 LOAD_CONST              1 (1)
                      1 RETURN_VALUE
    "#]],
    );
    check(
        "def f(x: int, *a: str) -> bool:\n    pass",
        expect![[r#"
        1             0 LOAD_NAME               0 (int)
                      1 POP_TOP
                      2 LOAD_NAME               1 (str)
                      3 POP_TOP
                      4 LOAD_NAME               2 (bool)
                      5 POP_TOP
                      6 LOAD_CONST              0 (<code object f, line 1>)
                      7 MAKE_FUNCTION
                      8 STORE_NAME              3 (f)
                      9 LOAD_CONST              1 (None)
                     10 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 LOAD_CONST              0 (None)
                      1 RETURN_VALUE
    "#]],
    );
    check(
        "@a\n@b(1)\ndef f():\n    pass",
        expect![[r#"
        1             0 LOAD_NAME               0 (a)

        2             1 PUSH_NULL
                      2 LOAD_NAME               1 (b)
                      3 LOAD_CONST              0 (1)
                      4 CALL                    1

        3             5 LOAD_CONST              1 (<code object f, line 1>)
                      6 MAKE_FUNCTION

        2             7 CALL                    0

        1             8 CALL                    0

        3             9 STORE_NAME              2 (f)
                     10 LOAD_CONST              2 (None)
                     11 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        4             0 LOAD_CONST              0 (None)
                      1 RETURN_VALUE
    "#]],
    );
    check(
        "f = lambda x, y=1: x + y",
        expect![[r#"
            1             0 LOAD_CONST              1 ((1,))
                          1 LOAD_CONST              2 (<code object <lambda>, line 1>)
                          2 MAKE_FUNCTION             (defaults)
                          3 STORE_NAME              0 (f)
                          4 LOAD_CONST              3 (None)
                          5 RETURN_VALUE

            Disassembly of <code object <lambda>, line 1>:
            1             0 LOAD_FAST               0 (x)
                          1 LOAD_FAST               1 (y)
                          2 BINARY_OP                 (+)
                          3 RETURN_VALUE
        "#]],
    );
}

#[test]
fn closures() {
    check(
        "def f(a):\n    b = 1\n    def g():\n        return a + b\n    return g",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        1             0 MAKE_CELL               0 (a)
                      1 MAKE_CELL               2 (b)

        2             2 LOAD_CONST              1 (1)
                      3 STORE_DEREF             2 (b)

        3             4 LOAD_CLOSURE            0 (a)
                      5 LOAD_CLOSURE            2 (b)
                      6 BUILD_TUPLE             2
                      7 LOAD_CONST              2 (<code object g, line 3>)
                      8 MAKE_FUNCTION             (closure)
                      9 STORE_FAST              1 (g)

        5            10 LOAD_FAST               1 (g)
                     11 RETURN_VALUE

        Disassembly of <code object f.<locals>.g, line 3>:
        4             0 LOAD_DEREF              0 (a)
                      1 LOAD_DEREF              1 (b)
                      2 BINARY_OP                 (+)
                      3 RETURN_VALUE
    "#]],
    );
    check("def f():\n    x = 0\n    def inc():\n        nonlocal x\n        x += 1\n        del x\n    return inc", expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        1             0 MAKE_CELL               1 (x)

        2             1 LOAD_CONST              1 (0)
                      2 STORE_DEREF             1 (x)

        3             3 LOAD_CLOSURE            1 (x)
                      4 BUILD_TUPLE             1
                      5 LOAD_CONST              2 (<code object inc, line 3>)
                      6 MAKE_FUNCTION             (closure)
                      7 STORE_FAST              0 (inc)

        7             8 LOAD_FAST               0 (inc)
                      9 RETURN_VALUE

        Disassembly of <code object f.<locals>.inc, line 3>:
        5             0 LOAD_DEREF              0 (x)
                      1 LOAD_CONST              1 (1)
                      2 BINARY_OP                 (+=)
                      3 STORE_DEREF             0 (x)

        6             4 DELETE_DEREF            0 (x)
                      5 LOAD_CONST              0 (None)
                      6 RETURN_VALUE
    "#]]);
    check(
        "def f():\n    x = 1\n    class C:\n        y = x\n    return C",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        1             0 MAKE_CELL               1 (x)

        2             1 LOAD_CONST              1 (1)
                      2 STORE_DEREF             1 (x)

        3             3 PUSH_NULL
                      4 LOAD_BUILD_CLASS
                      5 LOAD_CLOSURE            1 (x)
                      6 BUILD_TUPLE             1
                      7 LOAD_CONST              2 (<code object C, line 3>)
                      8 MAKE_FUNCTION             (closure)
                      9 LOAD_CONST              3 ('C')
                     10 CALL                    2
                     11 STORE_FAST              0 (C)

        5            12 LOAD_FAST               0 (C)
                     13 RETURN_VALUE

        Disassembly of <code object f.<locals>.C, line 3>:
        3             0 LOAD_NAME               0 (__name__)
                      1 STORE_NAME              1 (__module__)
                      2 LOAD_CONST              0 ('f.<locals>.C')
                      3 STORE_NAME              2 (__qualname__)

        4             4 LOAD_CLASSDEREF         0 (x, name x)
                      5 STORE_NAME              4 (y)
                      6 LOAD_CONST              1 (None)
                      7 RETURN_VALUE
    "#]],
    );
}

#[test]
fn classes() {
    check(
        "class C:\n    pass",
        expect![[r#"
        1             0 PUSH_NULL
                      1 LOAD_BUILD_CLASS
                      2 LOAD_CONST              0 (<code object C, line 1>)
                      3 MAKE_FUNCTION
                      4 LOAD_CONST              1 ('C')
                      5 CALL                    2
                      6 STORE_NAME              0 (C)
                      7 LOAD_CONST              2 (None)
                      8 RETURN_VALUE

        Disassembly of <code object C, line 1>:
        1             0 LOAD_NAME               0 (__name__)
                      1 STORE_NAME              1 (__module__)
                      2 LOAD_CONST              0 ('C')
                      3 STORE_NAME              2 (__qualname__)

        2             4 LOAD_CONST              1 (None)
                      5 RETURN_VALUE
    "#]],
    );
    check(
        "class C(A, B, metaclass=M):\n    '''doc'''\n    x = 1\n    def m(self):\n        return x",
        expect![[r#"
        1             0 PUSH_NULL
                      1 LOAD_BUILD_CLASS
                      2 LOAD_CONST              0 (<code object C, line 1>)
                      3 MAKE_FUNCTION
                      4 LOAD_CONST              1 ('C')
                      5 LOAD_NAME               0 (A)
                      6 LOAD_NAME               1 (B)
                      7 LOAD_NAME               2 (M)
                      8 KW_NAMES                2 (('metaclass',))
                      9 CALL                    5
                     10 STORE_NAME              3 (C)
                     11 LOAD_CONST              3 (None)
                     12 RETURN_VALUE

        Disassembly of <code object C, line 1>:
        1             0 LOAD_NAME               0 (__name__)
                      1 STORE_NAME              1 (__module__)
                      2 LOAD_CONST              0 ('C')
                      3 STORE_NAME              2 (__qualname__)

        2             4 LOAD_CONST              1 ('doc')
                      5 STORE_NAME              3 (__doc__)

        3             6 LOAD_CONST              2 (1)
                      7 STORE_NAME              4 (x)

        4             8 LOAD_CONST              3 (<code object m, line 4>)
                      9 MAKE_FUNCTION
                     10 STORE_NAME              5 (m)
                     11 LOAD_CONST              4 (None)
                     12 RETURN_VALUE

        Disassembly of <code object C.m, line 4>:
        5             0 LOAD_GLOBAL             0 (x)
                      1 RETURN_VALUE
    "#]],
    );
    check(
        "class C:\n    def m(self):\n        return super().m()",
        expect![[r#"
        1             0 PUSH_NULL
                      1 LOAD_BUILD_CLASS
                      2 LOAD_CONST              0 (<code object C, line 1>)
                      3 MAKE_FUNCTION
                      4 LOAD_CONST              1 ('C')
                      5 CALL                    2
                      6 STORE_NAME              0 (C)
                      7 LOAD_CONST              2 (None)
                      8 RETURN_VALUE

        Disassembly of <code object C, line 1>:
        1             0 MAKE_CELL               0 (__class__)
                      1 LOAD_NAME               0 (__name__)
                      2 STORE_NAME              1 (__module__)
                      3 LOAD_CONST              0 ('C')
                      4 STORE_NAME              2 (__qualname__)

        2             5 LOAD_CLOSURE            0 (__class__)
                      6 BUILD_TUPLE             1
                      7 LOAD_CONST              1 (<code object m, line 2>)
                      8 MAKE_FUNCTION             (closure)
                      9 STORE_NAME              3 (m)
                     10 LOAD_CLOSURE            0 (__class__)
                     11 COPY                    1
                     12 STORE_NAME              4 (__classcell__)
                     13 RETURN_VALUE

        Disassembly of <code object C.m, line 2>:
        3             0 LOAD_GLOBAL             0 (NULL + super)
                      1 CALL                    0
                      2 LOAD_METHOD             1 (m)
                      3 CALL                    0
                      4 RETURN_VALUE
    "#]],
    );
    check(
        "@dec\nclass C:\n    __x = 1\n    def f(self):\n        return self.__x",
        expect![[r#"
            1             0 LOAD_NAME               0 (dec)

            2             1 PUSH_NULL
                          2 LOAD_BUILD_CLASS
                          3 LOAD_CONST              0 (<code object C, line 1>)
                          4 MAKE_FUNCTION
                          5 LOAD_CONST              1 ('C')
                          6 CALL                    2

            1             7 CALL                    0

            2             8 STORE_NAME              1 (C)
                          9 LOAD_CONST              2 (None)
                         10 RETURN_VALUE

            Disassembly of <code object C, line 1>:
            1             0 LOAD_NAME               0 (__name__)
                          1 STORE_NAME              1 (__module__)
                          2 LOAD_CONST              0 ('C')
                          3 STORE_NAME              2 (__qualname__)

            3             4 LOAD_CONST              1 (1)
                          5 STORE_NAME              3 (_C__x)

            4             6 LOAD_CONST              2 (<code object f, line 4>)
                          7 MAKE_FUNCTION
                          8 STORE_NAME              4 (f)
                          9 LOAD_CONST              3 (None)
                         10 RETURN_VALUE

            Disassembly of <code object C.f, line 4>:
            5             0 LOAD_FAST               0 (self)
                          1 LOAD_ATTR               0 (_C__x)
                          2 RETURN_VALUE
        "#]],
    );
}

#[test]
fn comprehensions() {
    check(
        "x = [i * 2 for i in y if i]",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object <listcomp>, line 1>)
                      1 MAKE_FUNCTION
                      2 LOAD_NAME               0 (y)
                      3 GET_ITER
                      4 CALL                    0
                      5 STORE_NAME              1 (x)
                      6 LOAD_CONST              1 (None)
                      7 RETURN_VALUE

        Disassembly of <code object <listcomp>, line 1>:
        1             0 BUILD_LIST              0
                      1 LOAD_FAST               0 (.0)
                >>    2 FOR_ITER               11 (to 11)
                      3 STORE_FAST              1 (i)
                      4 LOAD_FAST               1 (i)
                      5 POP_JUMP_IF_FALSE       2 (to 2)
                      6 LOAD_FAST               1 (i)
                      7 LOAD_CONST              0 (2)
                      8 BINARY_OP                 (*)
                      9 LIST_APPEND             2
                     10 JUMP                    2 (to 2)
                >>   11 RETURN_VALUE
    "#]],
    );
    check(
        "x = {k: v for k, v in y}\ns = {i for i in y}",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object <dictcomp>, line 1>)
                      1 MAKE_FUNCTION
                      2 LOAD_NAME               0 (y)
                      3 GET_ITER
                      4 CALL                    0
                      5 STORE_NAME              1 (x)

        2             6 LOAD_CONST              1 (<code object <setcomp>, line 2>)
                      7 MAKE_FUNCTION
                      8 LOAD_NAME               0 (y)
                      9 GET_ITER
                     10 CALL                    0
                     11 STORE_NAME              2 (s)
                     12 LOAD_CONST              2 (None)
                     13 RETURN_VALUE

        Disassembly of <code object <dictcomp>, line 1>:
        1             0 BUILD_MAP               0
                      1 LOAD_FAST               0 (.0)
                >>    2 FOR_ITER               10 (to 10)
                      3 UNPACK_SEQUENCE         2
                      4 STORE_FAST              1 (k)
                      5 STORE_FAST              2 (v)
                      6 LOAD_FAST               1 (k)
                      7 LOAD_FAST               2 (v)
                      8 MAP_ADD                 2
                      9 JUMP                    2 (to 2)
                >>   10 RETURN_VALUE

        Disassembly of <code object <setcomp>, line 2>:
        2             0 BUILD_SET               0
                      1 LOAD_FAST               0 (.0)
                >>    2 FOR_ITER                7 (to 7)
                      3 STORE_FAST              1 (i)
                      4 LOAD_FAST               1 (i)
                      5 SET_ADD                 2
                      6 JUMP                    2 (to 2)
                >>    7 RETURN_VALUE
    "#]],
    );
    check(
        "x = [(i, j) for i in a for j in b]",
        expect![[r#"
            1             0 LOAD_CONST              0 (<code object <listcomp>, line 1>)
                          1 MAKE_FUNCTION
                          2 LOAD_NAME               0 (a)
                          3 GET_ITER
                          4 CALL                    0
                          5 STORE_NAME              1 (x)
                          6 LOAD_CONST              1 (None)
                          7 RETURN_VALUE

            Disassembly of <code object <listcomp>, line 1>:
            1             0 BUILD_LIST              0
                          1 LOAD_FAST               0 (.0)
                    >>    2 FOR_ITER               14 (to 14)
                          3 STORE_FAST              1 (i)
                          4 LOAD_GLOBAL             0 (b)
                          5 GET_ITER
                    >>    6 FOR_ITER               13 (to 13)
                          7 STORE_FAST              2 (j)
                          8 LOAD_FAST               1 (i)
                          9 LOAD_FAST               2 (j)
                         10 BUILD_TUPLE             2
                         11 LIST_APPEND             3
                         12 JUMP                    6 (to 6)
                    >>   13 JUMP                    2 (to 2)
                    >>   14 RETURN_VALUE
        "#]],
    );
    check(
        "x = [j for i in a for j in [i]]",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object <listcomp>, line 1>)
                      1 MAKE_FUNCTION
                      2 LOAD_NAME               0 (a)
                      3 GET_ITER
                      4 CALL                    0
                      5 STORE_NAME              1 (x)
                      6 LOAD_CONST              1 (None)
                      7 RETURN_VALUE

        Disassembly of <code object <listcomp>, line 1>:
        1             0 BUILD_LIST              0
                      1 LOAD_FAST               0 (.0)
                >>    2 FOR_ITER                9 (to 9)
                      3 STORE_FAST              1 (i)
                      4 LOAD_FAST               1 (i)
                      5 STORE_FAST              2 (j)
                      6 LOAD_FAST               2 (j)
                      7 LIST_APPEND             2
                      8 JUMP                    2 (to 2)
                >>    9 RETURN_VALUE
    "#]],
    );
    check(
        "g = (i for i in y)\nsum(i for i in y)",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object <genexpr>, line 1>)
                      1 MAKE_FUNCTION
                      2 LOAD_NAME               0 (y)
                      3 GET_ITER
                      4 CALL                    0
                      5 STORE_NAME              1 (g)

        2             6 PUSH_NULL
                      7 LOAD_NAME               2 (sum)
                      8 LOAD_CONST              1 (<code object <genexpr>, line 2>)
                      9 MAKE_FUNCTION
                     10 LOAD_NAME               0 (y)
                     11 GET_ITER
                     12 CALL                    0
                     13 CALL                    1
                     14 POP_TOP
                     15 LOAD_CONST              2 (None)
                     16 RETURN_VALUE

        Disassembly of <code object <genexpr>, line 1>:
        1             0 RETURN_GENERATOR
                      1 LOAD_FAST               0 (.0)
                >>    2 FOR_ITER                8 (to 8)
                      3 STORE_FAST              1 (i)
                      4 LOAD_FAST               1 (i)
                      5 YIELD_VALUE
                      6 POP_TOP
                      7 JUMP                    2 (to 2)
                >>    8 LOAD_CONST              0 (None)
                      9 RETURN_VALUE

        Disassembly of <code object <genexpr>, line 2>:
        2             0 RETURN_GENERATOR
                      1 LOAD_FAST               0 (.0)
                >>    2 FOR_ITER                8 (to 8)
                      3 STORE_FAST              1 (i)
                      4 LOAD_FAST               1 (i)
                      5 YIELD_VALUE
                      6 POP_TOP
                      7 JUMP                    2 (to 2)
                >>    8 LOAD_CONST              0 (None)
                      9 RETURN_VALUE
    "#]],
    );
    check(
        "def f(n):\n    return [i + n for i in range(n)]",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        1             0 MAKE_CELL               0 (n)

        2             1 LOAD_CLOSURE            0 (n)
                      2 BUILD_TUPLE             1
                      3 LOAD_CONST              1 (<code object <listcomp>, line 2>)
                      4 MAKE_FUNCTION             (closure)
                      5 LOAD_GLOBAL             0 (NULL + range)
                      6 LOAD_DEREF              0 (n)
                      7 CALL                    1
                      8 GET_ITER
                      9 CALL                    0
                     10 RETURN_VALUE

        Disassembly of <code object f.<locals>.<listcomp>, line 2>:
        2             0 BUILD_LIST              0
                      1 LOAD_FAST               0 (.0)
                >>    2 FOR_ITER                9 (to 9)
                      3 STORE_FAST              1 (i)
                      4 LOAD_FAST               1 (i)
                      5 LOAD_DEREF              2 (n)
                      6 BINARY_OP                 (+)
                      7 LIST_APPEND             2
                      8 JUMP                    2 (to 2)
                >>    9 RETURN_VALUE
    "#]],
    );
}

#[test]
fn generators() {
    check(
        "def g():\n    yield 1\n    x = yield\n    return x",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object g, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (g)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object g, line 1>:
        1             0 RETURN_GENERATOR

        2             1 LOAD_CONST              1 (1)
                      2 YIELD_VALUE
                      3 POP_TOP

        3             4 LOAD_CONST              0 (None)
                      5 YIELD_VALUE
                      6 STORE_FAST              0 (x)

        4             7 LOAD_FAST               0 (x)
                      8 RETURN_VALUE
    "#]],
    );
    check(
        "def g(x):\n    yield from x",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object g, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (g)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object g, line 1>:
        1             0 RETURN_GENERATOR

        2             1 LOAD_FAST               0 (x)
                      2 GET_YIELD_FROM_ITER
                      3 LOAD_CONST              0 (None)
                >>    4 SEND                    7 (to 7)
                      5 YIELD_VALUE
                      6 JUMP                    4 (to 4)
                >>    7 POP_TOP
                      8 LOAD_CONST              0 (None)
                      9 RETURN_VALUE
    "#]],
    );
}

#[test]
fn exceptions() {
    check(
        "try:\n    a()\nexcept E as e:\n    b(e)\nexcept:\n    c()\nelse:\n    d()",
        expect![[r#"
            1             0 SETUP_FINALLY          12 (to 12, depth 0)

            2             1 PUSH_NULL
                          2 LOAD_NAME               0 (a)
                          3 CALL                    0
                          4 POP_TOP
                          5 POP_BLOCK

            8             6 PUSH_NULL
                          7 LOAD_NAME               1 (d)
                          8 CALL                    0
                          9 POP_TOP
                         10 LOAD_CONST              0 (None)
                         11 RETURN_VALUE
                    >>   12 PUSH_EXC_INFO
                         13 SETUP_FINALLY          48 (to 48, depth 1)

            3            14 LOAD_NAME               2 (E)
                         15 CHECK_EXC_MATCH
                         16 POP_JUMP_IF_FALSE      39 (to 39)
                         17 STORE_NAME              3 (e)
                         18 SETUP_FINALLY          32 (to 32, depth 1)

            4            19 PUSH_NULL
                         20 LOAD_NAME               4 (b)
                         21 LOAD_NAME               3 (e)
                         22 CALL                    1
                         23 POP_TOP
                         24 POP_BLOCK
                         25 POP_BLOCK
                         26 POP_EXCEPT
                         27 LOAD_CONST              0 (None)
                         28 STORE_NAME              3 (e)
                         29 DELETE_NAME             3 (e)
                         30 LOAD_CONST              0 (None)
                         31 RETURN_VALUE
                    >>   32 LOAD_CONST              0 (None)
                         33 STORE_NAME              3 (e)
                         34 DELETE_NAME             3 (e)
                         35 POP_BLOCK
                         36 SWAP                    2
                         37 POP_EXCEPT
                         38 RERAISE

            5       >>   39 POP_TOP

            6            40 PUSH_NULL
                         41 LOAD_NAME               5 (c)
                         42 CALL                    0
                         43 POP_TOP
                         44 POP_BLOCK
                         45 POP_EXCEPT
                         46 LOAD_CONST              0 (None)
                         47 RETURN_VALUE
                    >>   48 SWAP                    2
                         49 POP_EXCEPT
                         50 RERAISE
        "#]],
    );
    check(
        "try:\n    a()\nfinally:\n    b()",
        expect![[r#"
            1             0 SETUP_FINALLY          12 (to 12, depth 0)

            2             1 PUSH_NULL
                          2 LOAD_NAME               0 (a)
                          3 CALL                    0
                          4 POP_TOP
                          5 POP_BLOCK

            4             6 PUSH_NULL
                          7 LOAD_NAME               1 (b)
                          8 CALL                    0
                          9 POP_TOP
                         10 LOAD_CONST              0 (None)
                         11 RETURN_VALUE
                    >>   12 PUSH_EXC_INFO
                         13 SETUP_FINALLY          22 (to 22, depth 1)
                         14 PUSH_NULL
                         15 LOAD_NAME               1 (b)
                         16 CALL                    0
                         17 POP_TOP
                         18 POP_BLOCK
                         19 SWAP                    2
                         20 POP_EXCEPT
                         21 RERAISE
                    >>   22 SWAP                    2
                         23 POP_EXCEPT
                         24 RERAISE
        "#]],
    );
    check(
        "try:\n    a()\nexcept (E, F):\n    pass\nfinally:\n    b()",
        expect![[r#"
            1             0 SETUP_FINALLY          33 (to 33, depth 0)
                          1 SETUP_FINALLY           8 (to 8, depth 0)

            2             2 PUSH_NULL
                          3 LOAD_NAME               0 (a)
                          4 CALL                    0
                          5 POP_TOP
                          6 POP_BLOCK
                          7 JUMP                   26 (to 26)
                    >>    8 PUSH_EXC_INFO
                          9 SETUP_FINALLY          23 (to 23, depth 1)

            3            10 LOAD_NAME               1 (E)
                         11 LOAD_NAME               2 (F)
                         12 BUILD_TUPLE             2
                         13 CHECK_EXC_MATCH
                         14 POP_JUMP_IF_FALSE      19 (to 19)
                         15 POP_TOP

            4            16 POP_BLOCK
                         17 POP_EXCEPT
                         18 JUMP                   26 (to 26)

            3       >>   19 POP_BLOCK
                         20 SWAP                    2
                         21 POP_EXCEPT
                         22 RERAISE
                    >>   23 SWAP                    2
                         24 POP_EXCEPT
                         25 RERAISE
                    >>   26 POP_BLOCK

            6            27 PUSH_NULL
                         28 LOAD_NAME               3 (b)
                         29 CALL                    0
                         30 POP_TOP
                         31 LOAD_CONST              0 (None)
                         32 RETURN_VALUE
                    >>   33 PUSH_EXC_INFO
                         34 SETUP_FINALLY          43 (to 43, depth 1)
                         35 PUSH_NULL
                         36 LOAD_NAME               3 (b)
                         37 CALL                    0
                         38 POP_TOP
                         39 POP_BLOCK
                         40 SWAP                    2
                         41 POP_EXCEPT
                         42 RERAISE
                    >>   43 SWAP                    2
                         44 POP_EXCEPT
                         45 RERAISE
        "#]],
    );
}

#[test]
fn with_statements() {
    check(
        "with m as x:\n    y = x",
        expect![[r#"
            1             0 LOAD_NAME               0 (m)
                          1 BEFORE_WITH
                          2 SETUP_FINALLY          14 (to 14, depth 1)
                          3 STORE_NAME              1 (x)

            2             4 LOAD_NAME               1 (x)
                          5 STORE_NAME              2 (y)
                          6 POP_BLOCK

            1             7 LOAD_CONST              0 (None)
                          8 LOAD_CONST              0 (None)
                          9 LOAD_CONST              0 (None)
                         10 CALL                    2
                         11 POP_TOP
                         12 LOAD_CONST              0 (None)
                         13 RETURN_VALUE
                    >>   14 PUSH_EXC_INFO
                         15 SETUP_FINALLY          22 (to 22, depth 2)
                         16 WITH_EXCEPT_START
                         17 POP_JUMP_IF_TRUE       25 (to 25)
                         18 POP_BLOCK
                         19 SWAP                    2
                         20 POP_EXCEPT
                         21 RERAISE
                    >>   22 SWAP                    2
                         23 POP_EXCEPT
                         24 RERAISE
                    >>   25 POP_TOP
                         26 POP_BLOCK
                         27 POP_EXCEPT
                         28 POP_TOP
                         29 LOAD_CONST              0 (None)
                         30 RETURN_VALUE
        "#]],
    );
    check(
        "with a, b as c:\n    pass",
        expect![[r#"
            1             0 LOAD_NAME               0 (a)
                          1 BEFORE_WITH
                          2 SETUP_FINALLY          38 (to 38, depth 1)
                          3 POP_TOP
                          4 LOAD_NAME               1 (b)
                          5 BEFORE_WITH
                          6 SETUP_FINALLY          15 (to 15, depth 2)
                          7 STORE_NAME              2 (c)

            2             8 POP_BLOCK

            1             9 LOAD_CONST              0 (None)
                         10 LOAD_CONST              0 (None)
                         11 LOAD_CONST              0 (None)
                         12 CALL                    2
                         13 POP_TOP
                         14 JUMP                   30 (to 30)
                    >>   15 PUSH_EXC_INFO
                         16 SETUP_FINALLY          23 (to 23, depth 3)
                         17 WITH_EXCEPT_START
                         18 POP_JUMP_IF_TRUE       26 (to 26)
                         19 POP_BLOCK
                         20 SWAP                    2
                         21 POP_EXCEPT
                         22 RERAISE
                    >>   23 SWAP                    2
                         24 POP_EXCEPT
                         25 RERAISE
                    >>   26 POP_TOP
                         27 POP_BLOCK
                         28 POP_EXCEPT
                         29 POP_TOP
                    >>   30 POP_BLOCK
                         31 LOAD_CONST              0 (None)
                         32 LOAD_CONST              0 (None)
                         33 LOAD_CONST              0 (None)
                         34 CALL                    2
                         35 POP_TOP
                         36 LOAD_CONST              0 (None)
                         37 RETURN_VALUE
                    >>   38 PUSH_EXC_INFO
                         39 SETUP_FINALLY          46 (to 46, depth 2)
                         40 WITH_EXCEPT_START
                         41 POP_JUMP_IF_TRUE       49 (to 49)
                         42 POP_BLOCK
                         43 SWAP                    2
                         44 POP_EXCEPT
                         45 RERAISE
                    >>   46 SWAP                    2
                         47 POP_EXCEPT
                         48 RERAISE
                    >>   49 POP_TOP
                         50 POP_BLOCK
                         51 POP_EXCEPT
                         52 POP_TOP
                         53 LOAD_CONST              0 (None)
                         54 RETURN_VALUE
        "#]],
    );
}

#[test]
fn unwinding() {
    check(
        "def f(x):\n    for i in x:\n        return i",
        expect![[r#"
            1             0 LOAD_CONST              0 (<code object f, line 1>)
                          1 MAKE_FUNCTION
                          2 STORE_NAME              0 (f)
                          3 LOAD_CONST              1 (None)
                          4 RETURN_VALUE

            Disassembly of <code object f, line 1>:
            2             0 LOAD_FAST               0 (x)
                          1 GET_ITER
                          2 FOR_ITER                8 (to 8)
                          3 STORE_FAST              1 (i)

            3             4 LOAD_FAST               1 (i)
                          5 SWAP                    2
                          6 POP_TOP
                          7 RETURN_VALUE

            2       >>    8 LOAD_CONST              0 (None)
                          9 RETURN_VALUE
        "#]],
    );
    check("def f(x):\n    for i in x:\n        try:\n            return i\n        finally:\n            print(i)", expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 LOAD_FAST               0 (x)
                      1 GET_ITER
                      2 FOR_ITER               27 (to 27)
                      3 STORE_FAST              1 (i)

        3             4 SETUP_FINALLY          14 (to 14, depth 1)

        4             5 LOAD_FAST               1 (i)
                      6 POP_BLOCK

        6             7 LOAD_GLOBAL             0 (NULL + print)
                      8 LOAD_FAST               1 (i)
                      9 CALL                    1
                     10 POP_TOP
                     11 SWAP                    2
                     12 POP_TOP
                     13 RETURN_VALUE
                >>   14 PUSH_EXC_INFO
                     15 SETUP_FINALLY          24 (to 24, depth 2)
                     16 LOAD_GLOBAL             0 (NULL + print)
                     17 LOAD_FAST               1 (i)
                     18 CALL                    1
                     19 POP_TOP
                     20 POP_BLOCK
                     21 SWAP                    2
                     22 POP_EXCEPT
                     23 RERAISE
                >>   24 SWAP                    2
                     25 POP_EXCEPT
                     26 RERAISE

        2       >>   27 LOAD_CONST              0 (None)
                     28 RETURN_VALUE
    "#]]);
    check(
        "def f(m):\n    with m:\n        return 1",
        expect![[r#"
            1             0 LOAD_CONST              0 (<code object f, line 1>)
                          1 MAKE_FUNCTION
                          2 STORE_NAME              0 (f)
                          3 LOAD_CONST              1 (None)
                          4 RETURN_VALUE

            Disassembly of <code object f, line 1>:
            2             0 LOAD_FAST               0 (m)
                          1 BEFORE_WITH
                          2 SETUP_FINALLY          13 (to 13, depth 1)
                          3 POP_TOP

            3             4 NOP

            2             5 POP_BLOCK
                          6 LOAD_CONST              0 (None)
                          7 LOAD_CONST              0 (None)
                          8 LOAD_CONST              0 (None)
                          9 CALL                    2
                         10 POP_TOP
                         11 LOAD_CONST              1 (1)
                         12 RETURN_VALUE
                    >>   13 PUSH_EXC_INFO
                         14 SETUP_FINALLY          21 (to 21, depth 2)
                         15 WITH_EXCEPT_START
                         16 POP_JUMP_IF_TRUE       24 (to 24)
                         17 POP_BLOCK
                         18 SWAP                    2
                         19 POP_EXCEPT
                         20 RERAISE
                    >>   21 SWAP                    2
                         22 POP_EXCEPT
                         23 RERAISE
                    >>   24 POP_TOP
                         25 POP_BLOCK
                         26 POP_EXCEPT
                         27 POP_TOP
                         28 LOAD_CONST              0 (None)
                         29 RETURN_VALUE
        "#]],
    );
    check(
        "def f(m):\n    with m as v:\n        return v",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 LOAD_FAST               0 (m)
                      1 BEFORE_WITH
                      2 SETUP_FINALLY          13 (to 13, depth 1)
                      3 STORE_FAST              1 (v)

        3             4 LOAD_FAST               1 (v)

        2             5 POP_BLOCK
                      6 SWAP                    2
                      7 LOAD_CONST              0 (None)
                      8 LOAD_CONST              0 (None)
                      9 LOAD_CONST              0 (None)
                     10 CALL                    2
                     11 POP_TOP
                     12 RETURN_VALUE
                >>   13 PUSH_EXC_INFO
                     14 SETUP_FINALLY          21 (to 21, depth 2)
                     15 WITH_EXCEPT_START
                     16 POP_JUMP_IF_TRUE       24 (to 24)
                     17 POP_BLOCK
                     18 SWAP                    2
                     19 POP_EXCEPT
                     20 RERAISE
                >>   21 SWAP                    2
                     22 POP_EXCEPT
                     23 RERAISE
                >>   24 POP_TOP
                     25 POP_BLOCK
                     26 POP_EXCEPT
                     27 POP_TOP
                     28 LOAD_CONST              0 (None)
                     29 RETURN_VALUE
    "#]],
    );
    check(
        "def f():\n    try:\n        pass\n    except E as e:\n        return e",
        expect![[r#"
            1             0 LOAD_CONST              0 (<code object f, line 1>)
                          1 MAKE_FUNCTION
                          2 STORE_NAME              0 (f)
                          3 LOAD_CONST              1 (None)
                          4 RETURN_VALUE

            Disassembly of <code object f, line 1>:
            2             0 SETUP_FINALLY           4 (to 4, depth 0)

            3             1 POP_BLOCK
                          2 LOAD_CONST              0 (None)
                          3 RETURN_VALUE
                    >>    4 PUSH_EXC_INFO
                          5 SETUP_FINALLY          31 (to 31, depth 1)

            4             6 LOAD_GLOBAL             0 (E)
                          7 CHECK_EXC_MATCH
                          8 POP_JUMP_IF_FALSE      27 (to 27)
                          9 STORE_FAST              0 (e)
                         10 SETUP_FINALLY          20 (to 20, depth 1)

            5            11 LOAD_FAST               0 (e)
                         12 POP_BLOCK
                         13 SWAP                    2
                         14 POP_BLOCK
                         15 POP_EXCEPT
                         16 LOAD_CONST              0 (None)
                         17 STORE_FAST              0 (e)
                         18 DELETE_FAST             0 (e)
                         19 RETURN_VALUE
                    >>   20 LOAD_CONST              0 (None)
                         21 STORE_FAST              0 (e)
                         22 DELETE_FAST             0 (e)
                         23 POP_BLOCK
                         24 SWAP                    2
                         25 POP_EXCEPT
                         26 RERAISE

            4       >>   27 POP_BLOCK
                         28 SWAP                    2
                         29 POP_EXCEPT
                         30 RERAISE
                    >>   31 SWAP                    2
                         32 POP_EXCEPT
                         33 RERAISE
        "#]],
    );
    check(
        "for i in x:\n    try:\n        break\n    except:\n        continue",
        expect![[r#"
            1             0 LOAD_NAME               0 (x)
                          1 GET_ITER
                    >>    2 FOR_ITER               18 (to 18)
                          3 STORE_NAME              1 (i)

            2             4 SETUP_FINALLY           9 (to 9, depth 1)

            3             5 POP_BLOCK
                          6 POP_TOP
                          7 LOAD_CONST              0 (None)
                          8 RETURN_VALUE
                    >>    9 PUSH_EXC_INFO
                         10 SETUP_FINALLY          15 (to 15, depth 2)

            4            11 POP_TOP

            5            12 POP_BLOCK
                         13 POP_EXCEPT
                         14 JUMP                    2 (to 2)
                    >>   15 SWAP                    2
                         16 POP_EXCEPT
                         17 RERAISE

            1       >>   18 LOAD_CONST              0 (None)
                         19 RETURN_VALUE
        "#]],
    );
    check(
        "while x:\n    try:\n        pass\n    finally:\n        break",
        expect![[r#"
            1             0 LOAD_NAME               0 (x)
                          1 POP_JUMP_IF_FALSE      16 (to 16)

            2             2 SETUP_FINALLY           6 (to 6, depth 0)

            3             3 POP_BLOCK

            5             4 LOAD_CONST              0 (None)
                          5 RETURN_VALUE
                    >>    6 PUSH_EXC_INFO
                          7 SETUP_FINALLY          13 (to 13, depth 1)
                          8 POP_TOP
                          9 POP_BLOCK
                         10 POP_EXCEPT
                         11 LOAD_CONST              0 (None)
                         12 RETURN_VALUE
                    >>   13 SWAP                    2
                         14 POP_EXCEPT
                         15 RERAISE

            1       >>   16 LOAD_CONST              0 (None)
                         17 RETURN_VALUE
        "#]],
    );
    check(
        "def f():\n    try:\n        return 1\n    finally:\n        return 2",
        expect![[r#"
        1             0 LOAD_CONST              0 (<code object f, line 1>)
                      1 MAKE_FUNCTION
                      2 STORE_NAME              0 (f)
                      3 LOAD_CONST              1 (None)
                      4 RETURN_VALUE

        Disassembly of <code object f, line 1>:
        2             0 SETUP_FINALLY           4 (to 4, depth 0)

        3             1 POP_BLOCK

        5             2 LOAD_CONST              1 (2)
                      3 RETURN_VALUE
                >>    4 PUSH_EXC_INFO
                      5 SETUP_FINALLY          11 (to 11, depth 1)
                      6 POP_TOP
                      7 POP_BLOCK
                      8 POP_EXCEPT
                      9 LOAD_CONST              1 (2)
                     10 RETURN_VALUE
                >>   11 SWAP                    2
                     12 POP_EXCEPT
                     13 RERAISE
    "#]],
    );
}
