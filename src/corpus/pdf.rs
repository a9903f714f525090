//! PDF files: the text layer, page by page.
//!
//! Scanned PDFs have no text layer and encrypted ones cannot be read without
//! a password; both are reported as such rather than imported empty.

use std::panic::{AssertUnwindSafe, catch_unwind};

const ENCRYPTED: &str =
    "the PDF is encrypted with a password; save an unlocked copy and import that";

/// The text of each page, or why there is none.
pub fn extract(bytes: &[u8]) -> Result<Vec<String>, String> {
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| format!("the PDF is damaged and cannot be opened ({e})"))?;
    let encrypted = doc.trailer.get(b"Encrypt").is_ok();
    // An empty user password is common and still lets the text be read;
    // the loader has then already decrypted the document.
    if encrypted && doc.encryption_state.is_none() && doc.clone().decrypt("").is_err() {
        return Err(ENCRYPTED.to_string());
    }
    drop(doc);
    // pdf-extract can panic on malformed content streams; a bad file must not take the import down.
    let pages = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem_by_pages(bytes)
    }))
    .map_err(|_| "the PDF's content could not be read (malformed page content)".to_string())?
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
