//! The semantic theme: one `Style` per thing the UI draws, so widgets never name raw colours.

use ratatui::style::{Modifier, Style};

use super::entities::Marker;
use super::layers::Layers;
use super::style::read_style;
use crate::text::entities::EntityKind;
use crate::text::segments::Mark;

/// Generates a struct of `Style` fields plus the list of their TOML names, from one list, so
/// the config reader, the struct and the error vocabulary cannot drift apart.
macro_rules! style_table {
    ($(#[$meta:meta])* $name:ident { $($slot:ident: $doc:literal,)+ } $($extra:ident: $extra_ty:ty,)*) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $(#[doc = $doc] pub $slot: Style,)+
            $(pub $extra: $extra_ty,)*
        }

        impl $name {
            /// The TOML key of every style slot, in declaration order.
            pub const SLOTS: &[&str] = &[$(stringify!($slot),)+];

            /// The style slot with this TOML key.
            pub fn get(&self, slot: &str) -> Option<Style> {
                match slot {
                    $(stringify!($slot) => Some(self.$slot),)+
                    _ => None,
                }
            }

            fn get_mut(&mut self, slot: &str) -> Option<&mut Style> {
                match slot {
                    $(stringify!($slot) => Some(&mut self.$slot),)+
                    _ => None,
                }
            }
        }
    };
}

style_table! {
    /// Styles of named entities in article text, one per entity kind.
    EntityStyles {
        person: "People.",
        organization: "Companies, agencies, parties.",
        place: "Countries, cities, regions.",
        group: "Nationalities, religious and political groups.",
        date: "Dates and times.",
        money: "Amounts of money.",
        percent: "Percentages.",
        number: "Other numbers and quantities.",
    }
}

style_table! {
    /// Every style the UI uses, by meaning. Built from `[theme]`; see `config.toml`.
    Theme {
        text: "Body text of an article.",
        title: "The article title in the reading pane.",
        meta: "Byline, date and source under the title.",
        heading: "Headings of level 3 and deeper.",
        heading1: "Level-1 headings.",
        heading2: "Level-2 headings.",
        emphasis: "Emphasized (italic) text.",
        strong: "Strong (bold) text.",
        code: "Inline code.",
        code_block: "Fenced or indented code blocks.",
        quote: "Block quotes.",
        link: "Link text.",
        link_url: "A link's address, where shown.",
        rule: "Horizontal rules.",
        list_marker: "Bullets and numbers of lists in articles.",
        border: "Pane borders.",
        border_focused: "The focused pane's border.",
        pane_title: "Titles in pane borders.",
        list_item: "Entries of the article list.",
        list_selected: "The selected entry while the list has focus.",
        list_selected_unfocused: "The selected entry while the reader has focus.",
        list_meta: "Dates and details beside list entries.",
        list_unread: "The mark of unread articles in the list.",
        list_filter_match: "Characters of a title that match the list's filter.",
        warning: "Load warnings (unreadable or odd files).",
        status: "The status line.",
        status_focus: "The focused pane's name in the status line.",
        status_message: "Transient messages in the status line.",
        error: "Error messages.",
        help_key: "Keys in the help overlay and key hints.",
        help_description: "Descriptions in the help overlay and key hints.",
        search_match: "Search matches.",
        current_match: "The current search match.",
        scrollbar: "The reading pane's scrollbar.",
    }
    entities: EntityStyles,
    watch: Vec<Style>,
    marker: Marker,
}

/// What keeps a slot visible once colours are gone (`NO_COLOR`): selections and matches must
/// still stand out from plain text, whatever the user's theme set.
const NO_COLOUR_EMPHASIS: &[(&str, Modifier)] = &[
    ("list_selected", Modifier::REVERSED),
    ("list_selected_unfocused", Modifier::UNDERLINED),
    ("search_match", Modifier::UNDERLINED),
    ("list_filter_match", Modifier::UNDERLINED),
    ("current_match", Modifier::REVERSED.union(Modifier::BOLD)),
];

/// What each kind adds under the `modifiers` marker: a different mix per kind, none of them
/// plain underline (a search match without colour) or reversed (the current match).
pub const fn kind_modifier(kind: EntityKind) -> Modifier {
    match kind {
        // Not plain bold: that is the title's look without colour.
        EntityKind::Person => Modifier::BOLD.union(Modifier::ITALIC),
        EntityKind::Organization => Modifier::BOLD.union(Modifier::UNDERLINED),
        EntityKind::Place => Modifier::ITALIC,
        EntityKind::Group => Modifier::ITALIC.union(Modifier::UNDERLINED),
        EntityKind::Date => Modifier::DIM.union(Modifier::ITALIC).union(Modifier::UNDERLINED),
        EntityKind::Money => Modifier::DIM.union(Modifier::UNDERLINED),
        EntityKind::Percent => Modifier::DIM.union(Modifier::ITALIC),
        EntityKind::Number => Modifier::DIM,
    }
}

/// What a watch-list hit adds under the `modifiers` marker.
pub const WATCH_MODIFIER: Modifier = Modifier::BOLD.union(Modifier::ITALIC).union(Modifier::UNDERLINED);

impl Theme {
    /// The style of a highlight over article text: an entity kind or a watch-list (with the
    /// marker's modifiers), a search match.
    pub fn mark(&self, mark: Mark) -> Style {
        let modifiers = self.marker == Marker::Modifiers;
        match mark {
            Mark::Entity(kind) => {
                let style = self.entities.get(kind.name()).unwrap_or_default();
                // The kind's own mix replaces the slot's attributes (a bold place would read as
                // a group without colour).
                if modifiers { style.remove_modifier(Modifier::all()).add_modifier(kind_modifier(kind)) } else { style }
            }
            Mark::Watch(list) => {
                let style = self.watch.get(usize::from(list)).copied().unwrap_or_default();
                if modifiers { style.add_modifier(WATCH_MODIFIER) } else { style }
            }
            Mark::Match => self.search_match,
            Mark::Current => self.current_match,
        }
    }

    /// The style of an entity kind (`"person"`, `"money"` …); plain text for unknown kinds.
    pub fn entity(&self, kind: &str) -> Style {
        self.entities.get(kind).unwrap_or_default()
    }

    /// The theme with every colour removed and modifiers kept, for `NO_COLOR`.
    #[must_use]
    pub fn without_colour(mut self) -> Self {
        for slot in Self::SLOTS {
            if let Some(style) = self.get_mut(slot) {
                *style = strip_colour(*style);
            }
        }
        for kind in EntityStyles::SLOTS {
            if let Some(style) = self.entities.get_mut(kind) {
                *style = strip_colour(*style);
            }
        }
        for style in &mut self.watch {
            *style = strip_colour(*style);
        }
        for &(slot, modifier) in NO_COLOUR_EMPHASIS {
            if let Some(style) = self.get_mut(slot) {
                *style = style.add_modifier(modifier);
            }
        }
        self
    }

    /// The theme with the watch-lists' styles (from `[[entities.watch]]`) and the marker in effect.
    #[must_use]
    pub fn with_entities(self, watch: Vec<Style>, marker: Marker) -> Self {
        Self { watch, marker, ..self }
    }

    pub(crate) fn read(layers: &mut Layers<'_>) -> Option<Self> {
        let mut keys = Self::SLOTS.to_vec();
        keys.push("entities");
        layers.check_table(&["theme"], "theme slot", &keys);
        layers.check_table(&["theme", "entities"], "entity kind", EntityStyles::SLOTS);
        let mut theme = Self::default();
        let mut complete = true;
        for slot in Self::SLOTS {
            complete &= read_slot(layers, &["theme", slot], theme.get_mut(slot));
        }
        for kind in EntityStyles::SLOTS {
            complete &= read_slot(layers, &["theme", "entities", kind], theme.entities.get_mut(kind));
        }
        complete.then_some(theme)
    }
}

/// A slot is replaced whole by the topmost layer that sets it: a user's
/// `title = { fg = "red" }` does not inherit the default's `bold`.
fn read_slot(layers: &mut Layers<'_>, path: &[&str], target: Option<&mut Style>) -> bool {
    let result = match layers.find(path) {
        Some(found) => read_style(&found, path),
        None => Err(vec![layers.missing(path)]),
    };
    match (result, target) {
        (Ok(style), Some(target)) => {
            *target = style;
            true
        }
        (Ok(_), None) => false,
        (Err(errors), _) => {
            for error in errors {
                layers.report(error);
            }
            false
        }
    }
}

fn strip_colour(style: Style) -> Style {
    Style { fg: None, bg: None, underline_color: None, ..style }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn slots_are_reachable_by_name() {
        let theme = Theme { title: Style::new().fg(Color::Red), ..Theme::default() };
        assert_eq!(theme.get("title"), Some(theme.title));
        assert_eq!(theme.get("nope"), None);
        assert_eq!(Theme::SLOTS.len(), 34);
        assert_eq!(EntityStyles::SLOTS.len(), 8);
    }

    #[test]
    fn entity_lookup_falls_back_to_plain() {
        let mut theme = Theme::default();
        theme.entities.money = Style::new().fg(Color::Green);
        assert_eq!(theme.entity("money"), Style::new().fg(Color::Green));
        assert_eq!(theme.entity("animal"), Style::default());
    }

    #[test]
    fn without_colour_keeps_modifiers_and_emphasizes_selections() {
        let mut theme = Theme {
            title: Style::new().fg(Color::Red).bg(Color::Black).add_modifier(Modifier::BOLD),
            current_match: Style::new().fg(Color::Black).bg(Color::Yellow),
            ..Theme::default()
        };
        theme.entities.person = Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC);
        let plain = theme.without_colour();
        assert_eq!(plain.title, Style::new().add_modifier(Modifier::BOLD));
        assert_eq!(plain.current_match, Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD));
        assert_eq!(plain.list_selected, Style::new().add_modifier(Modifier::REVERSED));
        assert_eq!(plain.entities.person, Style::new().add_modifier(Modifier::ITALIC));
    }

    #[test]
    fn the_modifiers_marker_tells_every_kind_and_watch_lists_apart() {
        let mut seen: Vec<Modifier> = EntityKind::ALL.iter().map(|&k| kind_modifier(k)).collect();
        seen.extend([WATCH_MODIFIER, Modifier::UNDERLINED, Modifier::REVERSED | Modifier::BOLD]);
        let count = seen.len();
        seen.sort_by_key(Modifier::bits);
        seen.dedup();
        assert_eq!(seen.len(), count, "kinds, watch-lists and search matches all differ");
        let theme = Theme {
            marker: Marker::Modifiers,
            watch: vec![Style::new().fg(Color::Red)],
            entities: EntityStyles { money: Style::new().fg(Color::Green), ..EntityStyles::default() },
            ..Theme::default()
        };
        assert_eq!(
            theme.mark(Mark::Entity(EntityKind::Money)),
            Style::new()
                .fg(Color::Green)
                .remove_modifier(Modifier::all())
                .add_modifier(kind_modifier(EntityKind::Money))
        );
        assert_eq!(theme.mark(Mark::Watch(0)), Style::new().fg(Color::Red).add_modifier(WATCH_MODIFIER));
        assert_eq!(theme.mark(Mark::Watch(7)), Style::new().add_modifier(WATCH_MODIFIER));
        let plain = Theme { marker: Marker::None, ..theme };
        assert_eq!(plain.mark(Mark::Entity(EntityKind::Money)), Style::new().fg(Color::Green));
    }
}
