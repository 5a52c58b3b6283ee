//! `cargo xtask serve [--port N]`: builds the site, then serves it on 127.0.0.1.
//!
//! The server is deliberately tiny and std-only: one thread per connection, `GET` and `HEAD`,
//! one response per connection (`Connection: close`), and `application/wasm` for the bundle so
//! browsers can compile it while it downloads.

use std::{
    fs,
    io::{BufRead, BufReader, Write},
    net::{SocketAddr, TcpListener, TcpStream},
    path::{Component, Path, PathBuf},
    thread,
};

use anyhow::{bail, Context, Result};

use crate::build;

/// The port `cargo xtask serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 3000;

/// Reads the arguments after `cargo xtask serve`: nothing, or `--port N`.
pub fn parse(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(DEFAULT_PORT),
        [flag, port] if flag == "--port" => port
            .parse()
            .with_context(|| format!("`--port` needs a port number, got `{port}`")),
        [flag] if flag == "--port" => bail!("`--port` needs a port number"),
        [other, ..] => bail!("`cargo xtask serve` takes only `--port N`, got `{other}`"),
    }
}

/// Builds the site and serves it until interrupted.
pub fn run(port: u16) -> Result<()> {
    let site = build::run()?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("could not listen on 127.0.0.1:{port} (try --port)"))?;
    println!("Serving the book at http://127.0.0.1:{port}/ (Ctrl-C stops)");
    serve(listener, site);
    Ok(())
}

/// Serves `site` on an ephemeral port of 127.0.0.1 from a background thread; returns the
/// address (used by the browser tests).
pub fn spawn(site: PathBuf) -> Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).context("binding an ephemeral port")?;
    let address = listener.local_addr()?;
    thread::spawn(move || serve(listener, site));
    Ok(address)
}

/// Answers every connection on `listener` from the files under `site`.
fn serve(listener: TcpListener, site: PathBuf) {
    for stream in listener.incoming().flatten() {
        let site = site.clone();
        thread::spawn(move || {
            // A client that hangs up early is not the server's problem.
            let _ = respond(stream, &site);
        });
    }
}

/// Reads one request from `stream` and writes the response.
fn respond(mut stream: TcpStream, site: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Skip the headers: nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return write_response(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            true,
        );
    }
    let (status, path) = match resolve(site, target) {
        Some(path) => ("200 OK", path),
        None => ("404 Not Found", site.join("404.html")),
    };
    let body = fs::read(&path).unwrap_or_else(|_| b"not found".to_vec());
    write_response(
        &mut stream,
        status,
        content_type(&path),
        &body,
        method == "HEAD",
    )
}

/// Writes a complete response and closes the connection.
fn write_response(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The file under `site` that a request target names, if there is one; folders serve their
/// `index.html`. Targets that climb out of `site` name nothing.
fn resolve(site: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = site.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for a file, from its extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_port_option() {
        let parse_strs =
            |args: &[&str]| parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(parse_strs(&[]).unwrap(), DEFAULT_PORT);
        assert_eq!(parse_strs(&["--port", "8080"]).unwrap(), 8080);
        for bad in [&["--port"][..], &["--port", "x"], &["8080"]] {
            assert!(parse_strs(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn decodes_and_confines_paths() {
        let cases = [
            ("/a%20b", Some("/a b")),
            ("/%e2%9c%93", Some("/\u{2713}")),
            ("/bad%2", None),
            ("/bad%zz", None),
        ];
        for (input, expected) in cases {
            assert_eq!(percent_decode(input).as_deref(), expected, "{input}");
        }
        let site = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(resolve(site, "/src/main.rs?x=1").is_some());
        assert!(resolve(site, "/../xtask/Cargo.toml").is_none());
        assert!(resolve(site, "/%2e%2e/xtask/Cargo.toml").is_none());
        assert!(resolve(site, "/missing.html").is_none());
    }

    #[test]
    fn names_content_types() {
        assert_eq!(content_type(Path::new("a/b_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
    }
}
