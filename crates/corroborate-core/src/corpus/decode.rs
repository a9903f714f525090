//! Bytes to text: BOMs, UTF-16, legacy encodings, and telling text from binary.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text, and a note when decoding had to guess or repair.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Why some bytes are not a text file.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Empty => write!(f, "the file is empty"),
            NotText::Binary => write!(f, "the file holds binary data, not text"),
        }
    }
}

/// Decodes a text file of any common encoding; never fails on bad bytes
/// (they become U+FFFD and a note says so).
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(finish(text.into_owned(), encoding, had_errors, false));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return Ok(finish(text.into_owned(), encoding, had_errors, true));
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: bare_cr_to_lf(text.to_string()),
            note: None,
        });
    }
    if mostly_utf8(bytes) {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return Ok(finish(text.into_owned(), UTF_8, true, false));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Ok(finish(text.into_owned(), encoding, had_errors, true))
}

/// Old Mac files end lines with a bare CR; it becomes LF, byte for byte.
fn bare_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were swapped for ASCII bytes.
    String::from_utf8(bytes).unwrap_or_default()
}

fn finish(text: String, encoding: &'static Encoding, had_errors: bool, guessed: bool) -> Decoded {
    let note = if had_errors {
        Some(format!(
            "some bytes are not valid {}; they were replaced with \u{FFFD}",
            encoding.name()
        ))
    } else if guessed && encoding != UTF_8 {
        Some(format!("decoded as {} (detected)", encoding.name()))
    } else {
        None
    };
    Decoded {
        text: bare_cr_to_lf(text),
        note,
    }
}

/// UTF-8 with a few damaged bytes is still UTF-8 (legacy text seldom forms
/// valid multi-byte sequences by chance), and a legacy guess would garble
/// every accented letter to save a handful.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid_multibyte > 0 && invalid <= valid_multibyte
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 10 >= pairs * 7 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 7 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NUL bytes, or many control codes, in the first 8 KiB mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFcaf\xC3\xA9").map(|d| d.text),
            Ok("café".into())
        );
        assert_eq!(decode("café".as_bytes()).map(|d| d.text), Ok("café".into()));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Hello world"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Hello world"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let with_bom = [vec![0xFF, 0xFE], le.clone()].concat();
        assert_eq!(decode(&with_bom).map(|d| d.text), Ok("Hello world".into()));
        assert_eq!(decode(&le).map(|d| d.text), Ok("Hello world".into()));
        assert_eq!(decode(&be).map(|d| d.text), Ok("Hello world".into()));
    }

    #[test]
    fn legacy_encodings_are_detected() {
        // "Société Générale a déclaré" in windows-1252
        let bytes = b"La Soci\xE9t\xE9 G\xE9n\xE9rale a d\xE9clar\xE9 que le r\xE9sultat est bon.";
        let decoded = decode(bytes).map_err(|e| e.to_string());
        let decoded = decoded.as_ref().map(|d| d.text.as_str());
        assert_eq!(
            decoded,
            Ok("La Société Générale a déclaré que le résultat est bon.")
        );
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let decoded = decode(b"caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xFF end");
        let decoded = decoded.map_err(|e| e.to_string());
        let text = decoded.as_ref().map(|d| d.text.as_str());
        assert_eq!(text, Ok("café naïve résumé \u{FFFD} end"));
        assert!(decoded.is_ok_and(|d| d.note.is_some()));
    }

    #[test]
    fn old_mac_line_endings_become_lines() {
        let decoded = decode(b"One\rTwo\r\nThree").map(|d| d.text);
        assert_eq!(decoded, Ok("One\nTwo\r\nThree".into()));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"").map(|d| d.text), Err(NotText::Empty));
        assert_eq!(decode(b" \n\t").map(|d| d.text), Err(NotText::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").map(|d| d.text),
            Err(NotText::Binary)
        );
    }
}
