//! Tokens, as CPython 3.11's tokenizer produces them.

/// One token of the source, with its position.
///
/// Lines count from 1 and columns from 0 in UTF-8 bytes, as in CPython. `INDENT`, `DEDENT`,
/// `ENDMARKER` and [`TokenKind::Error`] have no text: their column is where the tokenizer stood
/// (after the indentation, or at the end of the last line), which is what CPython reports in
/// errors that point at them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Byte offset of the token's text in the source (with line endings normalized to `\n`).
    pub start: usize,
    /// Byte offset just past the token's text.
    pub end: usize,
    /// Line of the first character, from 1.
    pub line: u32,
    /// Byte column of the first character, from 0.
    pub col: u32,
    /// Line of the last character.
    pub end_line: u32,
    /// Byte column just past the last character.
    pub end_col: u32,
    /// Bracket nesting depth after the token (an opening bracket counts itself).
    pub level: u32,
}

/// The kinds of tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An identifier (soft keywords such as `match` are names too).
    Name,
    /// A reserved keyword.
    Keyword(Keyword),
    /// A numeric literal.
    Number,
    /// A string literal, prefix and quotes included.
    String,
    /// An operator or delimiter.
    Op(Op),
    /// The end of a logical line.
    Newline,
    /// One more level of indentation.
    Indent,
    /// One level of indentation less.
    Dedent,
    /// The end of the source.
    EndMarker,
    /// Where tokenizing stopped with an error.
    Error,
}

macro_rules! keywords {
    ($($variant:ident = $text:literal,)*) => {
        /// The reserved keywords of Python 3.11.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Keyword {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )*
        }

        impl Keyword {
            /// The keyword spelled `text`, if it is one.
            pub fn from_text(text: &str) -> Option<Keyword> {
                match text {
                    $($text => Some(Keyword::$variant),)*
                    _ => None,
                }
            }

            /// The keyword as written.
            pub fn text(self) -> &'static str {
                match self {
                    $(Keyword::$variant => $text,)*
                }
            }
        }
    };
}

keywords! {
    False = "False",
    None = "None",
    True = "True",
    And = "and",
    As = "as",
    Assert = "assert",
    Async = "async",
    Await = "await",
    Break = "break",
    Class = "class",
    Continue = "continue",
    Def = "def",
    Del = "del",
    Elif = "elif",
    Else = "else",
    Except = "except",
    Finally = "finally",
    For = "for",
    From = "from",
    Global = "global",
    If = "if",
    Import = "import",
    In = "in",
    Is = "is",
    Lambda = "lambda",
    Nonlocal = "nonlocal",
    Not = "not",
    Or = "or",
    Pass = "pass",
    Raise = "raise",
    Return = "return",
    Try = "try",
    While = "while",
    With = "with",
    Yield = "yield",
}

macro_rules! ops {
    ($($variant:ident = $text:literal,)*) => {
        /// Operators and delimiters.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )*
            /// A character CPython's tokenizer passes on as an operator that no rule accepts
            /// (`$`, `?`, `!` alone, a backquote).
            Other,
        }

        impl Op {
            /// The operator spelled `text`, if it is one.
            pub fn from_text(text: &str) -> Option<Op> {
                match text {
                    $($text => Some(Op::$variant),)*
                    _ => None,
                }
            }

            /// The operator as written (`"?"` for [`Op::Other`]).
            pub fn text(self) -> &'static str {
                match self {
                    $(Op::$variant => $text,)*
                    Op::Other => "?",
                }
            }
        }
    };
}

ops! {
    LPar = "(",
    RPar = ")",
    LSqb = "[",
    RSqb = "]",
    LBrace = "{",
    RBrace = "}",
    Colon = ":",
    Comma = ",",
    Semi = ";",
    Plus = "+",
    Minus = "-",
    Star = "*",
    Slash = "/",
    VBar = "|",
    Amper = "&",
    Less = "<",
    Greater = ">",
    Equal = "=",
    Dot = ".",
    Percent = "%",
    EqEqual = "==",
    NotEqual = "!=",
    LessEqual = "<=",
    GreaterEqual = ">=",
    Tilde = "~",
    Circumflex = "^",
    LeftShift = "<<",
    RightShift = ">>",
    DoubleStar = "**",
    PlusEqual = "+=",
    MinEqual = "-=",
    StarEqual = "*=",
    SlashEqual = "/=",
    PercentEqual = "%=",
    AmperEqual = "&=",
    VBarEqual = "|=",
    CircumflexEqual = "^=",
    LeftShiftEqual = "<<=",
    RightShiftEqual = ">>=",
    DoubleStarEqual = "**=",
    DoubleSlash = "//",
    DoubleSlashEqual = "//=",
    At = "@",
    AtEqual = "@=",
    RArrow = "->",
    Ellipsis = "...",
    ColonEqual = ":=",
}

impl TokenKind {
    /// True for the tokens without text whose column is where the tokenizer stood.
    pub fn is_positionless(self) -> bool {
        matches!(
            self,
            TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker | TokenKind::Error
        )
    }
}
