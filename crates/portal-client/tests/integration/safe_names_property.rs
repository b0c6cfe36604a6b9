//! Property test of the safe file-name rules: 100,000 generated names, built
//! from pieces that attack each rule, must all come out safe, stable, inside
//! their folder, and keep those properties when numbered.

use std::path::Path;

use portal_client::safe_names::{
    MAX_NAME_BYTES, invariant_violations, join_inside, numbered_name, safe_file_name,
};

/// SplitMix64: a small, seeded generator, so every run checks the same names
/// and a failure names the case that broke.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "report",
    "Invoice 2026",
    ".pdf",
    ".tar.gz",
    ".",
    "..",
    "/",
    "\\",
    ":",
    "::$DATA",
    "CON",
    "nul",
    "Com1",
    "LPT9",
    "lpt¹",
    "COM³",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\0",
    "\u{7f}",
    "\u{85}",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{061C}",
    "<",
    ">",
    "|",
    "?",
    "*",
    "\"",
    "e\u{301}",
    "\u{301}",
    "é",
    "Å",
    "\u{212B}",
    "ﬁ",
    "😀",
    "👩‍💻",
    "報告",
    "حساب",
    "C:",
    "D:\\",
    "~",
    "$HOME",
    "%APPDATA%",
    "-",
    "_",
    "(1)",
    "x",
    "\u{1F3FB}",
];

fn generated_name(generator: &mut Generator) -> String {
    let mut name = String::new();
    let pieces = 1 + generator.below(12);
    for _ in 0..pieces {
        if generator.below(20) == 0 {
            // Now and then a very long run, to hit the length limit.
            let piece = PIECES[generator.below(PIECES.len())];
            name.push_str(&piece.repeat(1 + generator.below(120)));
        } else if generator.below(8) == 0 {
            // Or any code point at all.
            if let Some(c) = char::from_u32(generator.next() as u32 % 0x11_0000) {
                name.push(c);
            }
        } else {
            name.push_str(PIECES[generator.below(PIECES.len())]);
        }
    }
    name
}

#[test]
fn a_hundred_thousand_generated_names_come_out_safe() {
    let folder = Path::new("/home/someone/Downloads/Portal Desk");
    let mut generator = Generator(0x5EED_F11E_5AFE);
    for case in 0..100_000 {
        let raw = generated_name(&mut generator);
        let safe = safe_file_name(&raw, "document.pdf");
        let broken = invariant_violations(&safe);
        assert!(
            broken.is_empty(),
            "case {case}: {raw:?} → {safe:?} breaks {broken:?}"
        );
        assert_eq!(
            safe_file_name(&safe, "document.pdf"),
            safe,
            "case {case}: a safe name stays as it is"
        );
        let path = join_inside(folder, &safe)
            .unwrap_or_else(|error| panic!("case {case}: {safe:?} cannot join: {error}"));
        assert_eq!(path.parent(), Some(folder), "case {case}: {safe:?}");
        let numbered = numbered_name(&safe, 1 + (case % 1000) as u32);
        let broken = invariant_violations(&numbered);
        assert!(
            broken.is_empty(),
            "case {case}: {numbered:?} breaks {broken:?}"
        );
        assert!(numbered.len() <= MAX_NAME_BYTES);
        assert_ne!(numbered, safe);
    }
}
