//! `pdesk generate …`: the man page and shell completions, written from the
//! command-line definition itself (clap_mangen, clap_complete), so they never
//! drift from it. The packages carry their output; users rarely call it.

use std::io::Write;

use clap::{CommandFactory, Subcommand, ValueEnum};
use clap_complete::Shell;

/// What `pdesk generate` writes to standard output.
#[derive(Subcommand)]
pub enum GenerateCommand {
    /// The man page (roff), as installed at `man 1 pdesk`.
    Man,
    /// Completions for a shell.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: CompletionShell,
    },
}

/// The shells completions are written for.
#[derive(Clone, Copy, ValueEnum)]
pub enum CompletionShell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
}

/// Writes what `command` asks for to standard output.
pub fn generate<P: CommandFactory>(command: GenerateCommand) -> std::io::Result<()> {
    let mut definition = P::command();
    let mut out = std::io::stdout().lock();
    match command {
        GenerateCommand::Man => clap_mangen::Man::new(definition).render(&mut out)?,
        GenerateCommand::Completions { shell } => {
            let shell = match shell {
                CompletionShell::Bash => Shell::Bash,
                CompletionShell::Zsh => Shell::Zsh,
                CompletionShell::Fish => Shell::Fish,
                CompletionShell::Powershell => Shell::PowerShell,
            };
            clap_complete::generate(shell, &mut definition, "pdesk", &mut out);
        }
    }
    out.flush()
}
