//! Scopes and the keymap: which action each key triggers in each scope, and the reverse, for
//! help and hints. Key chords themselves are in [`chord`].

pub mod chord;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

pub use self::chord::{KEY_NOTATION, Key, KeyChord, KeyParseError, Modifiers};
use crate::action::Action;

/// Where a binding applies: the scope of the app's mode (see `State::mode`) is looked up
/// first, then `Global`. The `Prompt` scope (a search or filter prompt is open) has no
/// fallback: other keys type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Global,
    List,
    Reader,
    Prompt,
    Panel,
    Help,
}

impl Scope {
    pub const ALL: [Scope; 6] = [Scope::Global, Scope::List, Scope::Reader, Scope::Prompt, Scope::Panel, Scope::Help];

    /// The config word: the sub-table name in `[keys.<scope>]`.
    pub const fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::List => "list",
            Scope::Reader => "reader",
            Scope::Prompt => "prompt",
            Scope::Panel => "panel",
            Scope::Help => "help",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The scope name was not one of [`Scope::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown key scope \"{0}\" (expected one of: global, list, reader, prompt, panel, help)")]
pub struct UnknownScope(pub String);

impl FromStr for Scope {
    type Err = UnknownScope;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|scope| scope.name() == s).ok_or_else(|| UnknownScope(s.to_owned()))
    }
}

/// Two actions claim one key in one scope; [`Keymap::new`] refuses to guess which wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyConflict {
    pub scope: Scope,
    pub key: KeyChord,
    /// The action that was bound first, in the order the bindings were given.
    pub first: Action,
    pub second: Action,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ScopeMap {
    by_action: BTreeMap<Action, Vec<KeyChord>>,
    by_key: BTreeMap<KeyChord, Action>,
}

/// Key bindings per scope, with both directions indexed: key → action for the event loop,
/// action → keys for help and hints (which therefore always show the live bindings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    scopes: [ScopeMap; Scope::ALL.len()],
}

impl Keymap {
    /// Builds a keymap; every key bound to two different actions in one scope is reported.
    pub fn new(bindings: impl IntoIterator<Item = (Scope, Action, Vec<KeyChord>)>) -> Result<Self, Vec<KeyConflict>> {
        let mut keymap = Self::default();
        let mut conflicts = Vec::new();
        for (scope, action, keys) in bindings {
            let map = &mut keymap.scopes[scope.index()];
            for key in keys {
                match map.by_key.get(&key) {
                    Some(&first) if first == action => {}
                    Some(&first) => conflicts.push(KeyConflict { scope, key, first, second: action }),
                    None => {
                        map.by_key.insert(key, action);
                        map.by_action.entry(action).or_default().push(key);
                    }
                }
            }
        }
        if conflicts.is_empty() { Ok(keymap) } else { Err(conflicts) }
    }

    /// The action for a key press while `scope` has focus: its own bindings, then global ones
    /// (except in a prompt, where unbound keys are text).
    pub fn lookup(&self, scope: Scope, chord: &KeyChord) -> Option<Action> {
        let own = self.scopes[scope.index()].by_key.get(chord);
        if scope == Scope::Prompt {
            return own.copied();
        }
        own.or_else(|| self.scopes[Scope::Global.index()].by_key.get(chord)).copied()
    }

    /// The keys bound to `action` in exactly this scope's table.
    pub fn scope_keys(&self, scope: Scope, action: Action) -> &[KeyChord] {
        self.scopes[scope.index()].by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys that trigger `action` while `scope` has focus: the scope's own first, then
    /// global ones the scope doesn't shadow. This is what hints should show.
    pub fn keys_for(&self, scope: Scope, action: Action) -> Vec<KeyChord> {
        let mut keys = self.scope_keys(scope, action).to_vec();
        if !matches!(scope, Scope::Global | Scope::Prompt) {
            let shadowed = &self.scopes[scope.index()].by_key;
            keys.extend(self.scope_keys(Scope::Global, action).iter().filter(|k| !shadowed.contains_key(k)));
        }
        keys
    }

    /// Every bound (scope, action, keys), scopes in [`Scope::ALL`] order and actions in
    /// [`Action::ALL`] order, for the help overlay. Unbound actions are skipped.
    pub fn bindings(&self) -> impl Iterator<Item = (Scope, Action, &[KeyChord])> + '_ {
        Scope::ALL.into_iter().flat_map(move |scope| {
            Action::ALL.iter().filter_map(move |&action| {
                let keys = self.scope_keys(scope, action);
                (!keys.is_empty()).then_some((scope, action, keys))
            })
        })
    }
}

/// The help overlay's rows: a heading per scope (`Some(scope)`), then `keys  name: description`
/// per bound action, all from the live keymap.
pub fn help_rows(keymap: &Keymap) -> Vec<(Option<Scope>, String, String)> {
    let mut rows = Vec::new();
    for scope in Scope::ALL {
        rows.push((Some(scope), String::new(), String::new()));
        if scope == Scope::Global {
            rows.push((None, KeyChord::CTRL_C.to_string(), "quit, whatever the bindings".to_string()));
        }
        for (s, action, keys) in keymap.bindings() {
            if s == scope && !keys.is_empty() {
                let keys = keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                rows.push((None, keys, format!("{}: {}", action.name(), action.description())));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn key(s: &str) -> KeyChord {
        s.parse().expect("test key parses")
    }

    #[rstest]
    #[case::global("global", Scope::Global)]
    #[case::list("list", Scope::List)]
    #[case::reader("reader", Scope::Reader)]
    #[case::panel("panel", Scope::Panel)]
    #[case::help("help", Scope::Help)]
    fn scopes_round_trip(#[case] text: &str, #[case] scope: Scope) {
        assert_eq!(text.parse::<Scope>(), Ok(scope));
        assert_eq!(scope.to_string(), text);
    }

    fn sample() -> Keymap {
        Keymap::new([
            (Scope::Global, Action::Quit, vec![key("q")]),
            (Scope::Global, Action::Help, vec![key("?")]),
            (Scope::Global, Action::ToggleFocus, vec![key("tab")]),
            (Scope::List, Action::MoveDown, vec![key("j"), key("down")]),
            (Scope::List, Action::Open, vec![key("enter")]),
            (Scope::Reader, Action::Back, vec![key("esc"), key("q")]),
        ])
        .expect("no conflicts")
    }

    #[rstest]
    #[case::scope_binding(Scope::List, "j", Some(Action::MoveDown))]
    #[case::falls_back_to_global(Scope::List, "q", Some(Action::Quit))]
    #[case::scope_shadows_global(Scope::Reader, "q", Some(Action::Back))]
    #[case::other_scope_ignored(Scope::Reader, "j", None)]
    #[case::global_scope(Scope::Global, "?", Some(Action::Help))]
    #[case::unbound(Scope::List, "x", None)]
    fn lookup_tries_focused_scope_then_global(
        #[case] scope: Scope,
        #[case] text: &str,
        #[case] expected: Option<Action>,
    ) {
        assert_eq!(sample().lookup(scope, &key(text)), expected);
    }

    #[test]
    fn keys_for_skips_shadowed_global_keys() {
        let keymap = sample();
        assert_eq!(keymap.keys_for(Scope::List, Action::Quit), vec![key("q")]);
        assert_eq!(keymap.keys_for(Scope::Reader, Action::Quit), Vec::<KeyChord>::new());
        assert_eq!(keymap.keys_for(Scope::List, Action::MoveDown), vec![key("j"), key("down")]);
        assert_eq!(keymap.scope_keys(Scope::List, Action::Quit), &[] as &[KeyChord]);
    }

    #[test]
    fn bindings_follow_scope_then_action_order() {
        let order: Vec<_> = sample().bindings().map(|(s, a, _)| format!("{s}.{a}")).collect();
        assert_eq!(
            order,
            ["global.quit", "global.help", "global.toggle-focus", "list.move-down", "list.open", "reader.back"]
        );
    }

    #[test]
    fn conflicts_are_all_reported() {
        let conflicts = Keymap::new([
            (Scope::List, Action::MoveDown, vec![key("j"), key("x")]),
            (Scope::List, Action::Open, vec![key("j")]),
            (Scope::Reader, Action::Top, vec![key("x")]),
            (Scope::Reader, Action::Bottom, vec![key("x")]),
            // The same key twice for one action is not a conflict.
            (Scope::Global, Action::Quit, vec![key("q"), key("q")]),
        ])
        .expect_err("conflicts");
        assert_eq!(
            conflicts,
            [
                KeyConflict { scope: Scope::List, key: key("j"), first: Action::MoveDown, second: Action::Open },
                KeyConflict { scope: Scope::Reader, key: key("x"), first: Action::Top, second: Action::Bottom },
            ]
        );
    }
}
