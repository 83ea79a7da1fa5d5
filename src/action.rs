//! Every bindable verb, with its kebab-case name and one-line description, defined in one table.

use std::fmt;
use std::str::FromStr;

/// Generates [`Action`] and its name/description tables from one list, so adding an action is
/// one line and the config words, help labels and error messages can never drift apart.
macro_rules! actions {
    ($($variant:ident => $name:literal, $description:literal;)+) => {
        /// A verb the user can bind to keys; the app's event loop maps each to a state change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Action {
            $(#[doc = $description] $variant,)+
        }

        impl Action {
            /// Every action, in the order the help overlay lists them.
            pub const ALL: &[Action] = &[$(Action::$variant,)+];

            /// The kebab-case word used in config files, help and error messages.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            /// One line for the help overlay.
            pub const fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)+
                }
            }
        }
    };
}

actions! {
    Quit => "quit", "quit newsdesk";
    Help => "help", "show the help overlay";
    ToggleFocus => "toggle-focus", "switch focus between list and reader";
    MoveUp => "move-up", "move the selection / scroll up one line";
    MoveDown => "move-down", "move the selection / scroll down one line";
    PageUp => "page-up", "move / scroll up one page";
    PageDown => "page-down", "move / scroll down one page";
    HalfPageUp => "half-page-up", "move / scroll up half a page";
    HalfPageDown => "half-page-down", "move / scroll down half a page";
    Top => "top", "go to the first article / the top of the article";
    Bottom => "bottom", "go to the last article / the end of the article";
    Open => "open", "open the selected article and focus the reader";
    Back => "back", "return to the list";
    NextArticle => "next-article", "open the next article while reading";
    PrevArticle => "prev-article", "open the previous article while reading";
    CycleSort => "cycle-sort", "sort the list by the next key: date, title, path, length, last-read";
    Filter => "filter", "filter the list as you type: fuzzy titles, >text in full text, @name for an entity";
    ClearFilter => "clear-filter", "show the whole list again";
    NarrowFolder => "narrow-folder", "list only the selected article's folder, or all folders again";
    ToggleRead => "toggle-read", "mark the selected article read or unread";
    Edit => "edit", "open the article in $VISUAL or $EDITOR, and reload it afterwards";
    Search => "search", "search in the article as you type (smart case)";
    NextMatch => "next-match", "go to the next search match, wrapping at the end";
    PrevMatch => "prev-match", "go to the previous search match, wrapping at the start";
    ClearSearch => "clear-search", "clear the search highlights";
    ToggleEntities => "toggle-entities", "turn entity highlighting on or off";
    EntityLegend => "entity-legend", "show or hide the legend of entity kinds";
    EntityPanel => "entity-panel", "list this article's entities by kind";
    Accept => "accept", "in a prompt: keep the search and close the prompt";
    Cancel => "cancel", "in a prompt: cancel and put the view back where it was";
    ToggleRegex => "toggle-regex", "in a prompt: switch between plain text and regex";
    HistoryPrev => "history-prev", "in a prompt: recall the previous query";
    HistoryNext => "history-next", "in a prompt: recall the next query";
    DeleteBack => "delete-back", "in a prompt: delete the character before the cursor";
    DeleteForward => "delete-forward", "in a prompt: delete the character under the cursor";
    DeleteWord => "delete-word", "in a prompt: delete the word before the cursor";
    DeleteToStart => "delete-to-start", "in a prompt: delete from the start to the cursor";
    CursorLeft => "cursor-left", "in a prompt: move the cursor one character left";
    CursorRight => "cursor-right", "in a prompt: move the cursor one character right";
    CursorStart => "cursor-start", "in a prompt: move the cursor to the start";
    CursorEnd => "cursor-end", "in a prompt: move the cursor to the end";
    JumpToEntity => "jump-to-entity", "in the panel: go to the chosen entity";
    FilterByEntity => "filter-by-entity", "in the panel: list the articles that mention the chosen entity";
    ClosePanel => "close-panel", "in the panel: close it";
    CloseHelp => "close-help", "in the help overlay: close it";
}

impl Action {
    /// The accepted names, comma-separated, for error messages.
    pub fn name_list() -> String {
        Self::ALL.iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The action name was not one of [`Action::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown action \"{0}\"{hint} (expected one of: {list})", hint = UnknownAction::hint(.0), list = Action::name_list())]
pub struct UnknownAction(pub String);

impl UnknownAction {
    /// `: did you mean "move-down"?` when a bound action is near the mistyped name.
    fn hint(name: &str) -> String {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        crate::suggest::did_you_mean(name, &names)
    }
}

impl FromStr for Action {
    type Err = UnknownAction;

    /// Exact, case-sensitive match: config words are documented in lowercase kebab-case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.iter().copied().find(|a| a.name() == s).ok_or_else(|| UnknownAction(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn every_name_round_trips() {
        for &action in Action::ALL {
            assert_eq!(action.name().parse::<Action>(), Ok(action));
            assert_eq!(action.to_string(), action.name());
        }
    }

    #[test]
    fn names_are_unique_kebab_case_and_described() {
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        for name in &names {
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{name}");
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        assert!(Action::ALL.iter().all(|a| !a.description().is_empty()));
    }

    #[test]
    fn a_near_miss_suggests_the_action() {
        let message = "move_donw".parse::<Action>().expect_err("rejected").to_string();
        assert!(message.starts_with("unknown action \"move_donw\": did you mean \"move-down\"?"), "{message}");
    }

    #[rstest]
    #[case::unknown("jump")]
    #[case::wrong_case("Quit")]
    #[case::snake_case("move_down")]
    fn unknown_names_list_the_accepted_ones(#[case] input: &str) {
        let err = input.parse::<Action>().expect_err("should be rejected");
        let message = err.to_string();
        assert!(message.starts_with(&format!("unknown action \"{input}\"")), "{message}");
        assert!(message.contains("quit, help, toggle-focus"), "{message}");
    }
}
