//! Splits a span into maximal pieces covered by the same set of intervals.

use super::interval::UtcInterval;

/// A maximal piece of the span and the indices of the intervals covering all of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Segment {
    pub interval: UtcInterval,
    /// Ascending indices into the slice given to [`coverage_segments`].
    pub covering: Vec<usize>,
}

/// Cuts `span` wherever the set of covering `pieces` changes. The segments
/// are in time order, tile `span` exactly, and neighbours differ in their
/// covering sets. Parts of pieces outside `span` are ignored.
pub(super) fn coverage_segments(span: UtcInterval, pieces: &[UtcInterval]) -> Vec<Segment> {
    if span.is_empty() {
        return Vec::new();
    }
    // (instant, starts?, index); at equal instants ends sort before starts,
    // which does not matter for the result since segments are cut at every
    // distinct instant anyway.
    let mut events: Vec<(chrono::DateTime<chrono::Utc>, bool, usize)> = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        if let Some(clipped) = piece.intersection(&span) {
            events.push((clipped.start, true, index));
            events.push((clipped.end, false, index));
        }
    }
    events.sort();

    let mut segments: Vec<Segment> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    let mut cursor = span.start;
    let mut next_event = 0;
    while cursor < span.end {
        while let Some(&(at, starts, index)) = events.get(next_event) {
            if at > cursor {
                break;
            }
            if starts {
                if let Err(position) = active.binary_search(&index) {
                    active.insert(position, index);
                }
            } else if let Ok(position) = active.binary_search(&index) {
                active.remove(position);
            }
            next_event += 1;
        }
        let until = events.get(next_event).map_or(span.end, |&(at, _, _)| at.min(span.end));
        match segments.last_mut() {
            Some(last) if last.covering == active => last.interval.end = until,
            _ => {
                segments.push(Segment { interval: UtcInterval { start: cursor, end: until }, covering: active.clone() })
            }
        }
        cursor = until;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, hour, 0, 0).single().expect("valid instant")
    }

    fn span(from: u32, to: u32) -> UtcInterval {
        UtcInterval::new(at(from), at(to)).expect("ordered")
    }

    fn segment(from: u32, to: u32, covering: &[usize]) -> Segment {
        Segment { interval: span(from, to), covering: covering.to_vec() }
    }

    #[test]
    fn segments_tile_the_span_and_merge_equal_neighbours() {
        let pieces = [span(0, 3), span(2, 5), span(5, 8), span(10, 12), span(11, 20)];
        assert_eq!(
            coverage_segments(span(1, 14), &pieces),
            vec![
                segment(1, 2, &[0]),
                segment(2, 3, &[0, 1]),
                segment(3, 5, &[1]),
                segment(5, 8, &[2]),
                segment(8, 10, &[]),
                segment(10, 11, &[3]),
                segment(11, 12, &[3, 4]),
                segment(12, 14, &[4]),
            ]
        );
    }

    #[test]
    fn empty_pieces_and_pieces_outside_are_ignored() {
        let pieces = [span(2, 2), span(20, 22)];
        assert_eq!(coverage_segments(span(1, 4), &pieces), vec![segment(1, 4, &[])]);
    }

    #[test]
    fn the_same_piece_twice_is_an_overlap() {
        let pieces = [span(1, 4), span(1, 4)];
        assert_eq!(coverage_segments(span(1, 4), &pieces), vec![segment(1, 4, &[0, 1])]);
    }
}
