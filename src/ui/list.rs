//! The article list pane: one or two rows per article, the selection, warning marks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use ratatui::style::Style;

use crate::config::Theme;
use crate::library::filter::{Query, TitleMatcher};
use crate::library::meta::reading_minutes;
use crate::library::{Entry, Format};
use crate::state::{Focus, State};
use crate::text::sanitize::{str_width, truncate};

/// Draws the list pane of `state`.
pub struct ListView<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

/// The short details of an entry: the filter's count, folder, date, source, reading time, as
/// space allows.
pub fn entry_details(entry: &Entry, count: Option<(usize, &str)>) -> String {
    let mut parts = Vec::new();
    if let Some((n, unit)) = count {
        let plural = match (n, unit.ends_with("ch")) {
            (1, _) => "",
            (_, true) => "es",
            (_, false) => "s",
        };
        parts.push(format!("{n} {unit}{plural}"));
    }
    if entry.format == Format::Unsupported {
        let ext = entry.rel.rsplit_once('.').map_or("", |(_, e)| e);
        return format!("not a supported format (.{ext})");
    }
    if let Some((folder, _)) = entry.rel.rsplit_once('/') {
        parts.push(format!("{folder}/"));
    }
    if matches!(entry.format, Format::Html | Format::Epub | Format::Rst) {
        parts.push(entry.format.name().to_string());
    }
    if let Some(date) = &entry.meta.date {
        parts.push(date.chars().take(10).collect());
    }
    if let Some(words) = entry.words.filter(|&w| w > 0) {
        parts.push(format!("{} min", reading_minutes(words)));
    }
    if let Some(source) = &entry.meta.source {
        parts.push(source.clone());
    }
    parts.join(" · ")
}

/// With one row per article, the details follow the title only when this many cells are left.
const MIN_DETAILS: usize = 8;

impl Widget for ListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let title =
            Line::from(format!(" {} ", truncate(&state.list_title(), usize::from(area.width).saturating_sub(4))));
        let block = super::pane(title, state.focus == Focus::List, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if state.list.order.is_empty() {
            Paragraph::new(self.empty_text()).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        let (_, per) = state.list_rows();
        let mut fuzzy = match state.list.filter.as_ref().map(|f| &f.query) {
            Some(Query::Title(q)) => Some(TitleMatcher::new(q)),
            _ => None,
        };
        for (row, pos) in (state.list.top..state.list.order.len()).enumerate() {
            let y = inner.y + u16::try_from(row * per).unwrap_or(u16::MAX);
            if y >= inner.bottom() {
                break;
            }
            let height = u16::try_from(per).unwrap_or(1).min(inner.bottom() - y);
            self.render_entry(pos, per == 2, fuzzy.as_mut(), Rect { y, height, ..inner }, buf);
        }
    }
}

impl ListView<'_> {
    /// What an empty list says: why it is empty, and what to do.
    fn empty_text(&self) -> Vec<Line<'static>> {
        let (state, theme) = (self.state, self.theme);
        match &state.list.filter {
            _ if state.list.scanning => vec![Line::styled("Reading the folder…", theme.list_meta)],
            Some(f) if !f.complete => vec![Line::styled("Searching…", theme.list_meta)],
            Some(_) => vec![
                Line::styled(format!("{}.", super::capitalised(crate::state::NO_MATCH)), theme.warning),
                Line::raw(""),
                Line::styled("esc shows them all again.", theme.list_meta),
            ],
            None if state.library.entries.iter().any(|e| !e.gone) => {
                vec![Line::styled(format!("{}.", super::capitalised(crate::state::NO_ARTICLES)), theme.warning)]
            }
            None => vec![
                Line::styled("No articles here.", theme.warning),
                Line::raw(""),
                Line::styled("See the reading pane.", theme.list_meta),
            ],
        }
    }

    /// The article at list position `pos` in `area`: a read mark, the title with the filter's
    /// matched letters, and its details below (`two_rows`, where the row below is in `area`) or
    /// beside.
    fn render_entry(&self, pos: usize, two_rows: bool, fuzzy: Option<&mut TitleMatcher>, area: Rect, buf: &mut Buffer) {
        let (state, theme) = (self.state, self.theme);
        let Some(entry) = state.list.order.get(pos).and_then(|&i| state.entry(i)) else { return };
        let selected = pos == state.list.selected;
        let base = match (selected, state.focus) {
            (false, _) => theme.list_item,
            (true, Focus::List) => theme.list_selected,
            (true, Focus::Reader) => theme.list_selected_unfocused,
        };
        buf.set_style(area, base);
        // A document newsdesk does not read: listed dimmed, without a warning mark.
        let dimmed = entry.format == Format::Unsupported;
        let base = if dimmed { theme.list_meta.patch(base) } else { base };
        let (mark, mark_style) = if dimmed {
            ("  ", base)
        } else if entry.warning.is_some() {
            ("⚠ ", theme.warning.patch(base))
        } else if entry.reading.read {
            ("  ", base)
        } else {
            ("● ", theme.list_unread.patch(base))
        };
        let filter = state.list.filter.as_ref();
        let count = filter.and_then(|f| f.counts.get(&state.list.order[pos]).map(|&n| (n, f.query.unit())));
        let details = entry_details(entry, count);
        let meta_style = if selected { base } else { theme.list_meta };
        let matched = fuzzy.map(|m| m.indices(&entry.meta.title)).unwrap_or_default();
        let width = usize::from(area.width);
        let room = width.saturating_sub(str_width(mark));
        let title = truncate(&entry.meta.title, room);
        let spare = room.saturating_sub(str_width(&title));
        let mut spans = vec![Span::styled(mark, mark_style)];
        spans.extend(highlighted(&title, &matched, base, theme.list_filter_match.patch(base)));
        if two_rows {
            if area.height >= 2 {
                let below = Line::styled(truncate(&format!("  {details}"), width), meta_style);
                buf.set_line(area.x, area.y + 1, &below, area.width);
            }
        } else if spare > MIN_DETAILS && !details.is_empty() {
            spans.push(Span::styled(format!(" {}", truncate(&details, spare - 1)), meta_style));
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    }
}

/// `title` as spans, the characters at `matched` (character positions, sorted) in `hit`.
fn highlighted(title: &str, matched: &[u32], base: Style, hit: Style) -> Vec<Span<'static>> {
    if matched.is_empty() {
        return vec![Span::styled(title.to_string(), base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in title.chars().enumerate() {
        let is_hit = u32::try_from(i).is_ok_and(|i| matched.binary_search(&i).is_ok());
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hit { hit } else { base }));
        }
        run_hit = is_hit;
        run.push(c);
    }
    spans.push(Span::styled(run, if run_hit { hit } else { base }));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn an_unsupported_document_is_drawn_dimmed_without_a_warning_mark() {
        let root = std::path::Path::new("/lib");
        let mut article = Entry::new(root, std::path::Path::new("/lib/a.txt"), Format::Text);
        article.meta.title = "An article".into();
        let pdf = Entry::unsupported(root, std::path::Path::new("/lib/report.pdf"));
        let library = crate::library::Library { root: root.into(), entries: vec![article, pdf], warnings: Vec::new() };
        let config = crate::config::Config::default();
        let state = State::new(library, crate::state::Options::from(&config));
        let area = Rect::new(0, 0, 40, 6);
        let mut buf = Buffer::empty(area);
        ListView { state: &state, theme: &config.theme }.render(area, &mut buf);
        let row = |y: u16| (0..40).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>();
        let (pdf_y, _) = (1..5).map(|y| (y, row(y))).find(|(_, r)| r.contains("report")).expect("the PDF is listed");
        assert!(row(pdf_y).starts_with("│  report"), "no ⚠ mark: {:?}", row(pdf_y));
        let dim = config.theme.list_meta;
        let cell = &buf[(4, pdf_y)];
        assert!(!dim.add_modifier.is_empty() && cell.modifier.contains(dim.add_modifier), "dimmed: {cell:?}");
        assert!(dim.fg.is_none_or(|fg| cell.fg == fg), "dimmed: {cell:?}");
        assert!(
            (1..5).any(|y| row(y).contains("not a supported format (.pdf)")),
            "{:?}",
            (1..5).map(row).collect::<Vec<_>>()
        );
    }

    #[test]
    fn unsupported_documents_say_so_and_others_their_format() {
        let root = std::path::Path::new("/lib");
        let pdf = Entry::unsupported(root, std::path::Path::new("/lib/sub/report.pdf"));
        assert_eq!(entry_details(&pdf, None), "not a supported format (.pdf)");
        let mut page = Entry::new(root, std::path::Path::new("/lib/web/page.html"), Format::Html);
        page.words = Some(460);
        assert_eq!(entry_details(&page, None), "web/ · html · 2 min");
    }

    #[test]
    fn matched_characters_get_their_own_style() {
        let hit = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        let spans = highlighted("Treasury", &[0, 2, 3], Style::new(), hit);
        let parts: Vec<(&str, bool)> = spans.iter().map(|s| (s.content.as_ref(), s.style == hit)).collect();
        assert_eq!(parts, [("T", true), ("r", false), ("ea", true), ("sury", false)]);
        // Positions past a cut title are ignored.
        assert_eq!(highlighted("Tr…", &[0, 9], Style::new(), hit).len(), 2);
    }
}
