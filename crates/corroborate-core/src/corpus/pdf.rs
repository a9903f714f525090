//! PDF files: the text layer, page by page.
//!
//! Scanned PDFs have no text layer and encrypted ones cannot be read without
//! a password; both are reported as such rather than imported empty.

use super::reading::Stop;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

const ENCRYPTED: &str =
    "the PDF is encrypted with a password; save an unlocked copy and import that";

/// Deeper nesting than this is no real document, and would exhaust the
/// parser's stack (which no panic handler can catch).
const MAX_NESTING: usize = 256;

/// All of a PDF's compressed streams together may inflate to this much: a
/// text layer is a few megabytes, and a crafted 1 MB stream can inflate to a
/// gigabyte.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;

/// The text of each page, or why there is none.
pub fn extract(bytes: &[u8], stop: &Stop) -> Result<Vec<String>, String> {
    if nesting_depth(bytes) > MAX_NESTING {
        return Err("the PDF is damaged (its objects nest too deeply to be read)".to_string());
    }
    inflated_size(bytes, MAX_INFLATED, stop)?;
    // The PDF crates can panic on malformed input; a bad file must not take the import down.
    catch_unwind(AssertUnwindSafe(|| extract_unguarded(bytes))).unwrap_or_else(|_| {
        Err("the PDF's content could not be read (it is malformed)".to_string())
    })
}

/// The deepest nesting of arrays and dictionaries, outside strings and streams (roughly).
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut in_string = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string > 0 => i += 1,
            b'(' => in_string += 1,
            b')' if in_string > 0 => in_string -= 1,
            b'[' if in_string == 0 => depth += 1,
            b'<' if in_string == 0 && bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' if in_string == 0 => depth = depth.saturating_sub(1),
            b'>' if in_string == 0 && bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if in_string == 0 && bytes[i..].starts_with(b"stream") => {
                // Skip binary stream data, where brackets mean nothing.
                match bytes[i..].windows(9).position(|w| w == b"endstream") {
                    Some(end) => i += end + 8,
                    None => break,
                }
            }
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

/// How much the PDF's zlib streams inflate to, counted without keeping
/// any of it, before the PDF crates inflate them for real; an error past
/// `limit` or when the file's time is up. Streams are found by their
/// keyword, so a damaged cross-reference table cannot hide one, and a
/// stream compressed twice over is counted at its innermost layer.
fn inflated_size(bytes: &[u8], limit: u64, stop: &Stop) -> Result<u64, String> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(off) = bytes[at..].windows(6).position(|w| w == b"stream") {
        let keyword = at + off;
        at = keyword + 6;
        if keyword >= 3 && &bytes[keyword - 3..keyword] == b"end" {
            continue;
        }
        // Spaces may sit between the keyword and its line break.
        let mut data = at;
        while matches!(bytes.get(data), Some(b' ' | b'\t')) {
            data += 1;
        }
        data = match &bytes[data..] {
            [b'\r', b'\n', ..] => data + 2,
            [b'\n' | b'\r', ..] => data + 1,
            _ => continue,
        };
        total += inflate_counted(&bytes[data..], limit.saturating_sub(total), stop)?;
        if total > limit {
            return Err(format!(
                "the PDF was not read: its compressed streams inflate to more than {} MB (a compression bomb?)",
                limit / (1024 * 1024)
            ));
        }
    }
    Ok(total)
}

/// Whether two bytes open a zlib stream (RFC 1950: deflate, header check).
fn zlib_header(head: &[u8]) -> bool {
    matches!(head, [a, b, ..] if a & 0x0F == 8 && (u16::from(*a) * 256 + u16::from(*b)) % 31 == 0)
}

/// The bytes one stream inflates to, through up to four layers of zlib,
/// counted up to one past `left`; 0 when it is no zlib stream.
fn inflate_counted(data: &[u8], left: u64, stop: &Stop) -> Result<u64, String> {
    use std::io::BufRead;
    if !zlib_header(data) {
        return Ok(0);
    }
    let mut reader: Box<dyn BufRead + '_> = Box::new(std::io::BufReader::new(
        flate2::read::ZlibDecoder::new(data),
    ));
    for _ in 0..3 {
        let nested = reader.fill_buf().map(zlib_header).unwrap_or(false);
        if !nested {
            break;
        }
        reader = Box::new(std::io::BufReader::new(flate2::read::ZlibDecoder::new(
            reader,
        )));
    }
    let mut sink = vec![0u8; 64 * 1024];
    let mut count = 0u64;
    loop {
        if let Some(reason) = stop.reason() {
            return Err(reason);
        }
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => return Ok(count),
            Ok(n) => count += n as u64,
        }
        if count > left {
            return Ok(count);
        }
    }
}

fn extract_unguarded(bytes: &[u8]) -> Result<Vec<String>, String> {
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| format!("the PDF is damaged and cannot be opened ({e})"))?;
    let encrypted = doc.trailer.get(b"Encrypt").is_ok();
    // An empty user password is common and still lets the text be read;
    // the loader has then already decrypted the document.
    if encrypted && doc.encryption_state.is_none() && doc.clone().decrypt("").is_err() {
        return Err(ENCRYPTED.to_string());
    }
    drop(doc);
    let pages = pdf_extract::extract_text_from_mem_by_pages(bytes)
        .map_err(|e| format!("the PDF's text could not be read ({e})"))?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        if encrypted {
            return Err(ENCRYPTED.to_string());
        }
        return Err(
            "the PDF has no text layer (a scanned image?); run OCR on it first".to_string(),
        );
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_nesting_is_refused_before_parsing() {
        let mut bytes = b"%PDF-1.4\n1 0 obj ".to_vec();
        bytes.extend(std::iter::repeat_n(b'[', 100_000));
        bytes.extend_from_slice(b" endobj");
        let err = extract(&bytes, &Stop::never()).unwrap_err();
        assert!(err.contains("nest too deeply"), "{err}");
        assert_eq!(nesting_depth(b"<< /A [1 (a[[[b) 2] >>"), 2);
    }

    #[test]
    fn streams_that_inflate_past_the_limit_are_refused_before_parsing() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 4 * 1024 * 1024])
            .unwrap_or_default();
        let packed = z.finish().unwrap_or_default();
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Length 1 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&packed);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        assert_eq!(
            inflated_size(&pdf, 1 << 30, &Stop::never()),
            Ok(4 * 1024 * 1024)
        );
        let err = inflated_size(&pdf, 1024 * 1024, &Stop::never()).unwrap_err();
        assert!(err.contains("more than 1 MB"), "{err}");
        // Spaces before the line break, and a stream compressed twice.
        let spaced = [
            &pdf[..pdf.len() - packed.len() - 19],
            b" \t",
            &pdf[pdf.len() - packed.len() - 19..],
        ]
        .concat();
        assert_eq!(
            inflated_size(&spaced, 1 << 30, &Stop::never()),
            Ok(4 * 1024 * 1024)
        );
        let mut z2 = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z2.write_all(&packed).unwrap_or_default();
        let twice_packed = z2.finish().unwrap_or_default();
        let mut double =
            b"%PDF-1.4\n1 0 obj << /Filter [/FlateDecode /FlateDecode] >>\nstream\n".to_vec();
        double.extend_from_slice(&twice_packed);
        double.extend_from_slice(b"\nendstream\n");
        assert_eq!(
            inflated_size(&double, 1 << 30, &Stop::never()),
            Ok(4 * 1024 * 1024)
        );
        // Two streams count together.
        let twice = [pdf.clone(), pdf[8..].to_vec()].concat();
        assert_eq!(
            inflated_size(&twice, 1 << 30, &Stop::never()),
            Ok(8 * 1024 * 1024)
        );
    }
}
