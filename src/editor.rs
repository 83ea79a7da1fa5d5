//! The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`, split into a program and its
//! arguments as a shell would but run without one.

use std::path::Path;
use std::process::Command;

/// Why the editor could not be run.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    #[error("${var} is not a command: {why}")]
    Parse { var: &'static str, why: String },
    #[error("cannot run {program}: {source}")]
    Spawn { program: String, source: std::io::Error },
    #[error("{program} exited with {status}")]
    Failed { program: String, status: std::process::ExitStatus },
}

/// The editor command for `path`, from the values of `$VISUAL` and `$EDITOR`.
pub fn command(visual: Option<&str>, editor: Option<&str>, path: &Path) -> Result<Command, EditorError> {
    let (var, value) = match (visual.filter(|v| !v.trim().is_empty()), editor.filter(|v| !v.trim().is_empty())) {
        (Some(v), _) => ("VISUAL", v),
        (None, Some(e)) => ("EDITOR", e),
        (None, None) => ("EDITOR", "vi"),
    };
    let words = shell_words::split(value).map_err(|e| EditorError::Parse { var, why: e.to_string() })?;
    let Some((program, args)) = words.split_first() else {
        return Err(EditorError::Parse { var, why: "empty".into() });
    };
    let mut cmd = Command::new(program);
    cmd.args(args).arg(path);
    Ok(cmd)
}

/// Runs the editor on `path` and waits for it.
pub fn edit(path: &Path) -> Result<(), EditorError> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let mut cmd = command(visual.as_deref(), editor.as_deref(), path)?;
    let program = cmd.get_program().to_string_lossy().into_owned();
    let status = cmd.status().map_err(|source| EditorError::Spawn { program: program.clone(), source })?;
    if status.success() { Ok(()) } else { Err(EditorError::Failed { program, status }) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn argv(cmd: &Command) -> Vec<String> {
        std::iter::once(cmd.get_program()).chain(cmd.get_args()).map(|s| s.to_string_lossy().into_owned()).collect()
    }

    #[rstest]
    #[case::visual_first(Some("code --wait"), Some("nano"), &["code", "--wait", "/a b.md"])]
    #[case::editor_next(None, Some("nvim -u NONE"), &["nvim", "-u", "NONE", "/a b.md"])]
    #[case::blank_visual_skipped(Some("  "), Some("nano"), &["nano", "/a b.md"])]
    #[case::quoted_program(None, Some("'/opt/my editor/bin/ed' -x"), &["/opt/my editor/bin/ed", "-x", "/a b.md"])]
    #[case::default_vi(None, None, &["vi", "/a b.md"])]
    fn builds_the_command_without_a_shell(
        #[case] visual: Option<&str>,
        #[case] editor: Option<&str>,
        #[case] expected: &[&str],
    ) {
        let cmd = command(visual, editor, Path::new("/a b.md")).expect("a command");
        assert_eq!(argv(&cmd), expected);
    }

    #[test]
    fn an_unbalanced_quote_is_an_error_naming_the_variable() {
        let err = command(None, Some("vim 'oops"), Path::new("/a")).expect_err("rejected");
        assert!(err.to_string().starts_with("$EDITOR is not a command"), "{err}");
    }

    #[test]
    fn shell_syntax_is_not_interpreted() {
        let cmd = command(None, Some("vi; rm -rf ~"), Path::new("/a")).expect("a command");
        assert_eq!(argv(&cmd), ["vi;", "rm", "-rf", "~", "/a"]);
    }
}
