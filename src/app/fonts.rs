//! Fonts the system already has, added behind the bundled ones so that a
//! report in Chinese, Japanese, Korean, Arabic, Hebrew, Hindi, Thai, Greek
//! or Russian shows its letters and the symbols the window uses render. They
//! are found and read on a thread of their own; the first frame never waits.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

/// Font files worth adding, by file name, in the order they are preferred
/// (a script's own font before a general one). Matched case-insensitively
/// against the start of each file name found.
const WANTED: &[&str] = &[
    // Linux (Noto, DejaVu, Droid, WenQuanYi)
    "notosanscjk-regular",
    "notosanscjksc-regular",
    "notosansarabic-regular",
    "notosanshebrew-regular",
    "notosansdevanagari-regular",
    "notosansthai-regular",
    "notosans-regular",
    "notosanssymbols2-regular",
    "dejavusans.ttf",
    "droidsansfallbackfull",
    "wqy-microhei",
    // Windows
    "msyh.ttc",
    "yugothm.ttc",
    "malgun.ttf",
    "nirmala.ttf",
    "segoeui.ttf",
    "seguisym.ttf",
    "arial.ttf",
    // macOS
    "pingfang.ttc",
    "hiragino sans gb.ttc",
    "geezapro.ttc",
    "arial unicode.ttf",
    "apple symbols.ttf",
];

/// Fonts read from the system: each file's name and bytes.
pub type Found = Vec<(String, Vec<u8>)>;

/// No more than this many fonts are added: each costs memory and the
/// fallback search for a missing glyph goes through them in turn.
const MOST: usize = 8;

/// The folders fonts live in on this system.
fn font_folders() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "windows") {
        let windows =
            std::env::var_os("WINDIR").map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
        dirs.push(windows.join("Fonts"));
    } else if cfg!(target_os = "macos") {
        dirs.push("/System/Library/Fonts".into());
        dirs.push("/Library/Fonts".into());
    } else {
        dirs.push("/usr/share/fonts".into());
        dirs.push("/usr/local/share/fonts".into());
    }
    if let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()) {
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    dirs
}

/// The wanted font files under `folders`, best first, one per wanted name.
pub fn find(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    let mut stack: Vec<(PathBuf, usize)> = folders.iter().map(|d| (d.clone(), 0)).collect();
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                // Font folders are shallow; a deep tree is not one.
                if depth < 4 {
                    stack.push((path, depth + 1));
                }
                continue;
            }
            let name = entry.file_name().to_string_lossy().to_lowercase();
            let is_font = [".ttf", ".otf", ".ttc"].iter().any(|e| name.ends_with(e));
            if let Some(rank) = WANTED.iter().position(|w| is_font && name.starts_with(w))
                && !found.iter().any(|(r, _)| *r == rank)
            {
                found.push((rank, path));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, p)| p).take(MOST).collect()
}

fn read(path: &Path) -> Option<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).ok()?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    Some((name, bytes))
}

/// Starts looking for fallback fonts; the window adds what arrives.
pub fn look_for_fonts(ctx: &egui::Context) -> Receiver<Found> {
    let (send, receive) = channel();
    let ctx = ctx.clone();
    // Without a thread there are no fallback fonts; the bundled ones still work.
    let _ = std::thread::Builder::new()
        .name("fonts".into())
        .spawn(move || {
            let fonts: Found = find(&font_folders())
                .iter()
                .filter_map(|p| read(p))
                .collect();
            if !fonts.is_empty() && send.send(fonts).is_ok() {
                ctx.request_repaint();
            }
        });
    receive
}

/// Adds fonts behind the bundled ones, for text and for code alike.
pub fn add(ctx: &egui::Context, fonts: Found) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    for (name, bytes) in fonts {
        ctx.add_font(FontInsert::new(
            &name,
            egui::FontData::from_owned(bytes),
            vec![
                InsertFontFamily {
                    family: egui::FontFamily::Proportional,
                    priority: FontPriority::Lowest,
                },
                InsertFontFamily {
                    family: egui::FontFamily::Monospace,
                    priority: FontPriority::Lowest,
                },
            ],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_of_each_script_are_found_best_first() {
        let Ok(root) = tempfile::tempdir() else {
            return;
        };
        let made = [
            "truetype/dejavu/DejaVuSans.ttf",
            "truetype/dejavu/DejaVuSans-Bold.ttf",
            "opentype/noto/NotoSansCJK-Regular.ttc",
            "truetype/noto/NotoSansArabic-Regular.ttf",
            "truetype/noto/NotoSansArabic-Bold.ttf",
            "truetype/other/Unrelated.ttf",
            "truetype/noto/notes.txt",
        ];
        for f in made {
            let path = root.path().join(f);
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = std::fs::write(&path, b"font");
        }
        let names: Vec<String> = find(&[root.path().to_path_buf(), root.path().join("missing")])
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(
            names,
            [
                "NotoSansCJK-Regular.ttc",
                "NotoSansArabic-Regular.ttf",
                "DejaVuSans.ttf"
            ]
        );
    }
}
