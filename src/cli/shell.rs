//! `newsdesk completions SHELL` and `newsdesk man`: generated from the clap definition, so they
//! list exactly the arguments the program takes.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::args::Cli;

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut impl Write) -> anyhow::Result<()> {
    let mut command = Cli::command();
    // clap_complete writes through `write_all` and panics on an error; a buffer keeps a closed
    // pipe an ordinary error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "newsdesk", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Writes the man page: name, synopsis, description, options, then a section for each command
/// with its usage, description and arguments (one page holds it all: `newsdesk man > newsdesk.1`).
pub fn man(out: &mut impl Write) -> anyhow::Result<()> {
    let mut command = Cli::command().bin_name("newsdesk");
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    for sub in command.get_subcommands_mut().filter(|s| s.get_name() != "help") {
        page.extend(command_section(sub).render().into_bytes());
    }
    man.render_version_section(&mut page)?;
    out.write_all(&page)?;
    Ok(())
}

/// `.SH "NEWSDESK LIST"`: the command's usage, long description and arguments.
fn command_section(sub: &mut clap::Command) -> roff::Roff {
    let mut roff = roff::Roff::new();
    roff.control("SH", [format!("newsdesk {}", sub.get_name()).to_uppercase().as_str()]);
    let usage = sub.render_usage().to_string();
    roff.text([roff::bold(usage.trim_start_matches("Usage: "))]);
    if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
        for paragraph in about.to_string().split("\n\n") {
            roff.control("PP", []).text([roff::roman(paragraph)]);
        }
    }
    // Global options (`--config`) are documented once, under OPTIONS.
    let shown = |a: &&clap::Arg| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help";
    for arg in sub.get_arguments().filter(shown) {
        let values = arg.get_value_names().unwrap_or_default().iter().map(|n| format!("<{n}>"));
        let values = values.collect::<Vec<_>>().join(" ");
        let name = match arg.get_long() {
            Some(long) if values.is_empty() || !arg.get_action().takes_values() => format!("--{long}"),
            Some(long) => format!("--{long} {values}"),
            None => values,
        };
        let help = arg.get_long_help().or_else(|| arg.get_help()).map(ToString::to_string).unwrap_or_default();
        roff.control("TP", []).text([roff::bold(name)]).text([roff::roman(help)]);
    }
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish, Shell::PowerShell] {
            let mut out = Vec::new();
            completions(shell, &mut out).expect("generated");
            let script = String::from_utf8(out).expect("UTF-8");
            for word in ["newsdesk", "list", "entities", "config"] {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
    }

    #[test]
    fn the_man_page_documents_options_and_commands() {
        let mut out = Vec::new();
        man(&mut out).expect("rendered");
        let page = String::from_utf8(out).expect("UTF-8");
        assert!(page.starts_with(".ie") || page.contains(".TH newsdesk"), "{}", &page[..200.min(page.len())]);
        for word in [r"print\-default\-config", r"check\-config", "NEWSDESK LIST", "NEWSDESK ENTITIES", r"\-\-json"] {
            assert!(page.contains(word), "no {word}");
        }
    }
}
