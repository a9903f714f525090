//! Finding the spans near a span without reading them all: a report's
//! names, sentences and mentions compared with their neighbours only.

use crate::corpus::Span;

/// Spans sorted by where they start, so that those overlapping or holding
/// a span are found without reading them all: every name is compared with
/// its neighbours only, and a report of 100,000 names takes seconds, not
/// hours.
pub(crate) struct Near {
    /// (start, index in the order given).
    starts: Vec<(usize, usize)>,
    longest: usize,
}

impl Near {
    pub(crate) fn new(spans: impl IntoIterator<Item = Span>) -> Near {
        let mut longest = 0;
        let mut starts: Vec<(usize, usize)> = spans
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                longest = longest.max(s.len());
                (s.start, i)
            })
            .collect();
        starts.sort_unstable();
        Near { starts, longest }
    }

    /// The indices of every span that could overlap or hold `span`, in no
    /// set order (a span that starts more than the longest length before
    /// it ends before it).
    pub(crate) fn around(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let from = span.start.saturating_sub(self.longest);
        let lo = self.starts.partition_point(|(s, _)| *s < from);
        self.starts[lo..]
            .iter()
            .take_while(move |(s, _)| *s <= span.end)
            .map(|(_, i)| *i)
    }
}
