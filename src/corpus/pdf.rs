//! PDF files: the text layer, page by page.
//!
//! Scanned PDFs have no text layer and encrypted ones cannot be read without
//! a password; both are reported as such rather than imported empty.

use std::panic::{AssertUnwindSafe, catch_unwind};

const ENCRYPTED: &str =
    "the PDF is encrypted with a password; save an unlocked copy and import that";

/// Deeper nesting than this is no real document, and would exhaust the
/// parser's stack (which no panic handler can catch).
const MAX_NESTING: usize = 256;

/// The text of each page, or why there is none.
pub fn extract(bytes: &[u8]) -> Result<Vec<String>, String> {
    if nesting_depth(bytes) > MAX_NESTING {
        return Err("the PDF is damaged (its objects nest too deeply to be read)".to_string());
    }
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
        let err = extract(&bytes).unwrap_err();
        assert!(err.contains("nest too deeply"), "{err}");
        assert_eq!(nesting_depth(b"<< /A [1 (a[[[b) 2] >>"), 2);
    }
}
