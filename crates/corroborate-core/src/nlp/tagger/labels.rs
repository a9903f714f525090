//! The tagger's labels: BILOU positions (begin, inside, last, unit) of the
//! four CoNLL kinds, and which label may follow which.

/// What the tagger calls a name: the CoNLL-2003 kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    Person,
    Organization,
    Place,
    /// Nationalities, events, works, products, holidays: names that are not
    /// people, organizations or places.
    Misc,
}

impl NameKind {
    pub const ALL: [NameKind; 4] = [
        NameKind::Person,
        NameKind::Organization,
        NameKind::Place,
        NameKind::Misc,
    ];

    pub fn parse_conll(s: &str) -> Option<NameKind> {
        match s {
            "PER" => Some(NameKind::Person),
            "ORG" => Some(NameKind::Organization),
            "LOC" => Some(NameKind::Place),
            "MISC" => Some(NameKind::Misc),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            NameKind::Person => "PER",
            NameKind::Organization => "ORG",
            NameKind::Place => "LOC",
            NameKind::Misc => "MISC",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    Begin,
    Inside,
    Last,
    Unit,
}

/// Outside any name, or a position in a name of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Outside,
    In(Position, NameKind),
}

pub const LABELS: usize = 17;

impl Label {
    pub fn index(self) -> usize {
        match self {
            Label::Outside => 0,
            Label::In(p, k) => 1 + k.index() * 4 + p as usize,
        }
    }

    pub fn from_index(i: usize) -> Label {
        if i == 0 || i >= LABELS {
            return Label::Outside;
        }
        let kind = NameKind::ALL[(i - 1) / 4];
        let pos = [
            Position::Begin,
            Position::Inside,
            Position::Last,
            Position::Unit,
        ][(i - 1) % 4];
        Label::In(pos, kind)
    }

    /// Whether `self` may follow `prev` (None: the sentence start), and
    /// whether it may end a name when `last` (the name cannot go on).
    pub fn may_follow(self, prev: Option<Label>, last: bool) -> bool {
        let open = matches!(prev, Some(Label::In(Position::Begin | Position::Inside, _)));
        let ok = match (prev, self) {
            (Some(Label::In(Position::Begin | Position::Inside, k)), Label::In(p, k2)) => {
                k == k2 && matches!(p, Position::Inside | Position::Last)
            }
            (_, Label::In(Position::Inside | Position::Last, _)) => false,
            (_, _) => !open,
        };
        ok && !(last && matches!(self, Label::In(Position::Begin | Position::Inside, _)))
    }

    pub fn kind(self) -> Option<NameKind> {
        match self {
            Label::Outside => None,
            Label::In(_, k) => Some(k),
        }
    }

    /// A short code for features: "B-PER", "O".
    pub fn code(self) -> u8 {
        self.index() as u8
    }
}

/// Token ranges `[a, b)` and kinds of the names in a sentence's labels.
pub fn spans(labels: &[Label]) -> Vec<(usize, usize, NameKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NameKind)> = None;
    for (i, l) in labels.iter().enumerate() {
        match *l {
            Label::Outside => open = None,
            Label::In(Position::Unit, k) => {
                out.push((i, i + 1, k));
                open = None;
            }
            Label::In(Position::Begin, k) => open = Some((i, k)),
            Label::In(Position::Inside, k) => {
                if open.is_none_or(|(_, o)| o != k) {
                    open = Some((i, k));
                }
            }
            Label::In(Position::Last, k) => {
                let start = match open {
                    Some((s, o)) if o == k => s,
                    _ => i,
                };
                out.push((start, i + 1, k));
                open = None;
            }
        }
    }
    out
}

/// BILOU labels for `n` tokens holding `names` (token ranges and kinds).
pub fn encode(n: usize, names: &[(usize, usize, NameKind)]) -> Vec<Label> {
    let mut labels = vec![Label::Outside; n];
    for &(a, b, k) in names {
        if b <= a || b > n {
            continue;
        }
        if b - a == 1 {
            labels[a] = Label::In(Position::Unit, k);
        } else {
            labels[a] = Label::In(Position::Begin, k);
            for l in &mut labels[a + 1..b - 1] {
                *l = Label::In(Position::Inside, k);
            }
            labels[b - 1] = Label::In(Position::Last, k);
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_round_trip_and_spans_decode() {
        for i in 0..LABELS {
            assert_eq!(Label::from_index(i).index(), i);
        }
        let names = [(0, 2, NameKind::Person), (3, 4, NameKind::Place)];
        let labels = encode(5, &names);
        assert_eq!(spans(&labels), names);
        let b = Label::In(Position::Begin, NameKind::Person);
        assert!(Label::In(Position::Last, NameKind::Person).may_follow(Some(b), true));
        assert!(!Label::In(Position::Last, NameKind::Place).may_follow(Some(b), false));
        assert!(!Label::Outside.may_follow(Some(b), false));
        assert!(!b.may_follow(None, true));
    }
}
