//! `cargo xtask serve`: compile, build and serve the widget on http://127.0.0.1:8080.
//!
//! A small static server, serving `dist/` as a production host should: the precompressed `.br`
//! or `.gz` sibling with its `Content-Encoding` when the browser accepts it, `Vary:
//! Accept-Encoding`, and `Cache-Control: immutable` for content-hashed names only.

use crate::{assets, offline};
use anyhow::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

pub fn run() -> Result<()> {
    offline::run()?;
    let dist = crate::project_root().join("dist");
    let listener = TcpListener::bind("127.0.0.1:8080")?;
    eprintln!("serving {} on http://127.0.0.1:8080 (Ctrl-C to stop)", dist.display());
    serve(listener, dist, Encodings::Precompressed)
}

/// Which encoded siblings a host sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encodings {
    /// Brotli, else gzip: the precompressed `.br` and `.gz` files, as the README asks of hosts.
    Precompressed,
    /// Gzip only, as a host that merely compresses what it serves would.
    GzipOnly,
}

impl Encodings {
    fn offered(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Encodings::Precompressed => &[("br", "br"), ("gzip", "gz")],
            Encodings::GzipOnly => &[("gzip", "gz")],
        }
    }
}

/// Serves `root` on `listener` until the process ends, a thread per connection.
pub fn serve(listener: TcpListener, root: PathBuf, encodings: Encodings) -> Result<()> {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = root.clone();
        std::thread::spawn(move || {
            // A client that hangs up mid-request is not our error.
            let _ = respond(stream, &root, encodings);
        });
    }
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// `%E6%B4%A3` → bytes → text; `None` for a malformed escape or non-UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file a request path names under `root`, or `None` (outside the root, or missing).
fn file_for(root: &Path, target: &str) -> Option<PathBuf> {
    let path = percent_decode(target.split(['?', '#']).next()?)?;
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The encoding to send: the first offered that the browser accepts and whose sibling exists.
fn encoded(file: &Path, accept: &str, encodings: Encodings) -> (PathBuf, Option<&'static str>) {
    let accepts = |enc: &str| accept.split(',').any(|a| a.split(';').next().is_some_and(|t| t.trim() == enc));
    for &(enc, ext) in encodings.offered() {
        let sibling = PathBuf::from(format!("{}.{ext}", file.display()));
        if accepts(enc) && sibling.is_file() {
            return (sibling, Some(enc));
        }
    }
    (file.to_path_buf(), None)
}

fn respond(stream: TcpStream, root: &Path, encodings: Encodings) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut accept = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case("accept-encoding") {
                accept = v.trim().to_string();
            }
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return out.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    let Some(file) = file_for(root, target) else {
        return out.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
    };
    let (body_file, encoding) = encoded(&file, &accept, encodings);
    let body = std::fs::read(&body_file)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let cache = if assets::is_hashed(&name) { "public, max-age=31536000, immutable" } else { "no-cache" };
    let mut head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: {cache}\r\nVary: Accept-Encoding\r\nConnection: close\r\n",
        content_type(&file),
        body.len()
    );
    if let Some(enc) = encoding {
        head.push_str(&format!("Content-Encoding: {enc}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if method == "GET" {
        out.write_all(&body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(port: u16, path: &str, accept: &str) -> (String, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {accept}\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (String::from_utf8_lossy(&raw[..split]).into_owned(), raw[split + 4..].to_vec())
    }

    #[test]
    fn serves_precompressed_siblings_with_their_encoding() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hello</p>".repeat(100)).unwrap();
        std::fs::write(dir.join("app-0123456789.wasm"), vec![1u8; 5000]).unwrap();
        std::fs::write(dir.join("sub/水.txt"), "water").unwrap();
        assets::precompress(&dir).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let root = dir.clone();
        std::thread::spawn(move || serve(listener, root, Encodings::Precompressed));
        let gzip_only = TcpListener::bind("127.0.0.1:0").unwrap();
        let gzip_port = gzip_only.local_addr().unwrap().port();
        let root = dir.clone();
        std::thread::spawn(move || serve(gzip_only, root, Encodings::GzipOnly));

        let (head, body) = get(gzip_port, "/app-0123456789.wasm", "gzip, deflate, br");
        assert!(head.contains("Content-Encoding: gzip"), "{head}");
        assert_eq!(body, std::fs::read(dir.join("app-0123456789.wasm.gz")).unwrap());
        let (head, body) = get(port, "/app-0123456789.wasm", "gzip, deflate, br");
        assert!(head.contains("Content-Encoding: br") && head.contains("immutable"), "{head}");
        assert!(head.contains("application/wasm") && head.contains("Vary: Accept-Encoding"));
        assert_eq!(body, std::fs::read(dir.join("app-0123456789.wasm.br")).unwrap());
        let (head, _) = get(port, "/", "gzip");
        assert!(head.contains("Content-Encoding: gzip") && head.contains("no-cache") && head.contains("text/html"));
        let (head, body) = get(port, "/index.html", "identity");
        assert!(!head.contains("Content-Encoding"));
        assert_eq!(body, std::fs::read(dir.join("index.html")).unwrap());
        let (_, body) = get(port, "/sub/%E6%B0%B4.txt", "");
        assert_eq!(body, b"water");
        assert!(get(port, "/../etc/passwd", "").0.starts_with("HTTP/1.1 404"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
