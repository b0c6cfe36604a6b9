//! `cargo xtask bench` with no name: every benchmark in one go, and one
//! table of their headline figures beside the goals they are held to.
//! Figures only: nothing passes or fails on them.
//!
//! The benchmarks in this program hand their figures back; the UI
//! benchmark (its own program, `benches/ui`) writes them to the file
//! named by [`FIGURES_FILE_ENV`], one per line: what, value and goal,
//! separated by tabs.

use std::path::Path;

/// Environment variable naming the file the UI benchmark adds its figures to.
pub const FIGURES_FILE_ENV: &str = "PORTAL_DESK_BENCH_FIGURES";

/// One headline figure of a benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// What was measured, with its size (say "keystroke → painted, 10,000 documents").
    pub what: String,
    /// The value measured, with its unit.
    pub value: String,
    /// The goal it is held to (say "< 16 ms").
    pub goal: String,
}

impl Figure {
    /// A figure of `what`, measured as `value`, held to `goal`.
    pub fn new(what: impl Into<String>, value: impl Into<String>, goal: impl Into<String>) -> Self {
        Self {
            what: what.into(),
            value: value.into(),
            goal: goal.into(),
        }
    }
}

/// The figures of a file written as [`FIGURES_FILE_ENV`] says (lines that
/// are not three tab-separated fields are skipped).
pub fn read_figures(file: &Path) -> Vec<Figure> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let figure = Figure::new(fields.next()?, fields.next()?, fields.next()?);
            fields.next().is_none().then_some(figure)
        })
        .collect()
}

/// The table as Markdown: a header naming the machine, then one row per figure.
pub fn markdown(figures: &[Figure], machine: &str) -> String {
    let mut out = format!("Machine: {machine}\n\n| figure | value | goal |\n| --- | --- | --- |\n");
    for figure in figures {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(&figure.what),
            cell(&figure.value),
            cell(&figure.goal)
        ));
    }
    out
}

/// This machine in a few words: its CPU model and how many cores it has.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .and_then(|rest| rest.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("{cores} cores ({model})")
}

/// A table cell: no pipe or line break of its own.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_written_by_the_ui_benchmark_are_read_back_and_tabled() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("figures.tsv");
        std::fs::write(
            &file,
            "keystroke → painted, 10,000 documents\t12 ms\t< 16 ms\nnot a figure\na\tb\tc\td\nsort | slowest\t40 ms\t< 100 ms\n",
        )
        .unwrap();
        let figures = read_figures(&file);
        assert_eq!(
            figures,
            vec![
                Figure::new("keystroke → painted, 10,000 documents", "12 ms", "< 16 ms"),
                Figure::new("sort | slowest", "40 ms", "< 100 ms"),
            ]
        );
        let table = markdown(&figures, "2 cores (a CPU)");
        assert!(table.starts_with("Machine: 2 cores (a CPU)\n\n| figure | value | goal |\n"));
        assert!(table.contains("| keystroke → painted, 10,000 documents | 12 ms | < 16 ms |\n"));
        assert!(table.contains("| sort \\| slowest | 40 ms | < 100 ms |\n"));
    }
}
