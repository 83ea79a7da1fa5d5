//! `[keys.<scope>]`: action bindings merged over the defaults, validated into a `Keymap`.

use std::collections::BTreeMap;

use toml::de::DeValue;

use super::error::ConfigError;
use super::layers::{Found, Layers, describe};
use crate::action::Action;
use crate::keymap::{KeyChord, KeyConflict, Keymap, Scope};

/// Where one (scope, action) binding came from, to point conflicts at it.
struct Origin {
    /// Which layer set it: a higher one is the user's.
    layer: usize,
    /// An error at the binding's value, with its message still to be written.
    error_at: ConfigError,
}

pub(crate) fn read_keymap(layers: &mut Layers<'_>) -> Option<Keymap> {
    let scope_names = Scope::ALL.map(Scope::name);
    let action_names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
    layers.check_table(&["keys"], "key scope", &scope_names);
    for scope in Scope::ALL {
        layers.check_table(&["keys", scope.name()], "action", &action_names);
    }

    let mut bindings = Vec::new();
    let mut complete = true;
    for scope in Scope::ALL {
        for &action in Action::ALL {
            let path = ["keys", scope.name(), action.name()];
            // An action absent from every layer is simply unbound in that scope.
            let Some(found) = layers.find(&path) else {
                continue;
            };
            let origin = Origin { layer: found.layer, error_at: found.error(&path, String::new()) };
            match read_keys(&found, &path) {
                Ok(keys) => bindings.push((origin, scope, action, keys)),
                Err(errors) => {
                    for error in errors {
                        layers.report(error);
                    }
                    complete = false;
                }
            }
        }
    }
    // In file order, defaults first: the keymap then names the binding the user wrote last
    // as the `second` of each conflict, and that is the one they can change.
    bindings.sort_by_key(|(origin, ..)| (origin.layer, origin.error_at.line, origin.error_at.column));
    let origins: BTreeMap<_, _> =
        bindings.iter().map(|(origin, scope, action, _)| ((*scope, *action), origin)).collect();
    match Keymap::new(bindings.iter().map(|(_, scope, action, keys)| (*scope, *action, keys.clone()))) {
        Ok(keymap) => complete.then_some(keymap),
        Err(conflicts) => {
            for conflict in conflicts {
                if let Some(error) = conflict_error(&conflict, &origins) {
                    layers.report(error);
                }
            }
            None
        }
    }
}

/// `"j"`, `["j", "down"]`, or `"none"` / `[]` for no keys.
fn read_keys(found: &Found<'_, '_>, path: &[&str]) -> Result<Vec<KeyChord>, Vec<ConfigError>> {
    let expected = "expected a key string or an array of key strings such as [\"j\", \"down\"]";
    let items: Vec<_> = match found.value.get_ref() {
        DeValue::String(_) => vec![found.value],
        DeValue::Array(array) => array.iter().collect(),
        other => {
            return Err(vec![found.error(path, format!("{expected}, found {}", describe(other)))]);
        }
    };
    let is_none = |text: &str| text.eq_ignore_ascii_case("none");
    let mut keys = Vec::new();
    let mut errors = Vec::new();
    for item in &items {
        let at = |message: String| found.error_at(item.span(), path, message);
        let Some(text) = item.get_ref().as_str() else {
            errors.push(at(format!("{expected}, found {}", describe(item.get_ref()))));
            continue;
        };
        if is_none(text) {
            if items.len() > 1 {
                errors.push(at("\"none\" unbinds the action and cannot be combined with keys".into()));
            }
            continue;
        }
        match text.parse::<KeyChord>() {
            Ok(KeyChord::CTRL_C) => errors.push(at("ctrl-c is reserved: it always quits".into())),
            Ok(key) => keys.push(key),
            Err(e) => errors.push(at(e.to_string())),
        }
    }
    if errors.is_empty() { Ok(keys) } else { Err(errors) }
}

fn conflict_error(conflict: &KeyConflict, origins: &BTreeMap<(Scope, Action), &Origin>) -> Option<ConfigError> {
    let KeyConflict { scope, key, first, second } = *conflict;
    let (earlier, later) = (origins.get(&(scope, first))?, origins.get(&(scope, second))?);
    let by_default = if earlier.layer == 0 && later.layer > 0 { " by default" } else { "" };
    let mut error = later.error_at.clone();
    error.message = format!(
        "key \"{key}\" is already bound to {first}{by_default} in [keys.{scope}]; one key can \
         trigger only one action per scope (bind {first} to another key or \"none\", or pick another key)"
    );
    Some(error)
}
