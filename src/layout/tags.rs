//! The logical structure of a laid-out document, for tagged PDF: a tree of
//! roles (section, heading, paragraph, list, table, link, …) in reading
//! order, whose leaves are the text runs placed on the pages. Every run
//! carries a [`Mark`]: the leaf it fills, or the kind of artifact it is
//! (running header and footer, a repeated table header, dot leaders).
//! Rules, boxes and shading are always artifacts. Plain data: the PDF
//! exporter turns it into a structure tree.

/// Index into [`TagTree::nodes`].
pub type NodeId = u32;
/// A leaf of the tree: what one text run shows.
pub type ContentId = u32;

/// What a group of the tree is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// The cover's document title.
    Title,
    Section,
    /// A heading of `level` (1 for chapters), with its title as plain text.
    Heading {
        level: u8,
        title: String,
    },
    Paragraph,
    /// A list, and how its items are marked. Definition lists are lists
    /// whose labels are the terms (unmarked).
    List {
        numbering: ListNumbering,
    },
    ListItem,
    /// A list item's marker, or a defined term.
    Label,
    ListBody,
    Table,
    Caption,
    TableHead,
    TableBody,
    TableRow,
    /// A header cell of the head rows: it heads its column (kiyaku's
    /// tables have no row headers).
    ColumnHeader,
    /// A body cell, spanning `rows` rows (1 for most; more for a group
    /// label over the rows it heads).
    DataCell {
        rows: u32,
    },
    /// A note shown in a box: a neutral group.
    Division,
    /// A figure's image, with what it shows in words.
    Figure {
        alt: String,
    },
    Code,
    /// A link: its text, and the link areas on the pages. `alt` describes
    /// it (its text, or where it goes).
    Link {
        alt: String,
    },
    /// A footnote.
    Note,
    TableOfContents,
    TableOfContentsItem,
    /// What a contents entry refers to (holding its link).
    Reference,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListNumbering {
    None,
    Bullet,
    Decimal,
}

/// A child of a group, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Child {
    Node(NodeId),
    Content(ContentId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub role: Role,
    pub children: Vec<Child>,
}

/// What a text run is, for tagged PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Not yet given its place: what a run is made with. A run placed on a
    /// page must not keep it (the tests say so; the exporter marks it as
    /// an artifact rather than guess where it is read).
    Unassigned,
    /// Real content: leaf `ContentId` of the tree.
    Content(ContentId),
    Artifact(Artifact),
}

/// Content that is not part of the document's logical structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Artifact {
    /// The running header.
    Header,
    /// The running footer (with the page number).
    Footer,
    /// Repeated because of pagination: a table header carried to the next page.
    Pagination,
    /// Drawn for looks: dot leaders, rules.
    Layout,
}

/// The structure tree of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagTree {
    pub nodes: Vec<Node>,
    /// The top-level children, in reading order.
    pub root: Vec<Child>,
    /// How many content leaves there are.
    pub contents: u32,
}

impl TagTree {
    /// A new group under `parent` (`None`: at the top level), after its
    /// existing children.
    pub fn add(&mut self, parent: Option<NodeId>, role: Role) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node { role, children: Vec::new() });
        self.children_of(parent).push(Child::Node(id));
        id
    }

    /// A new leaf under `parent`, for one text run.
    pub fn content(&mut self, parent: NodeId) -> Mark {
        let id = self.contents;
        self.contents += 1;
        self.children_of(Some(parent)).push(Child::Content(id));
        Mark::Content(id)
    }

    fn children_of(&mut self, parent: Option<NodeId>) -> &mut Vec<Child> {
        match parent.and_then(|p| self.nodes.get_mut(p as usize)) {
            Some(n) => &mut n.children,
            None => &mut self.root,
        }
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// Move the top-level children added since `from` to the front (the
    /// cover and contents are laid out after the body, but read first).
    pub fn move_to_front(&mut self, from: usize) {
        let tail = self.root.split_off(from.min(self.root.len()));
        let body = std::mem::replace(&mut self.root, tail);
        self.root.extend(body);
    }
}

/// The open groups while laying out: content goes into the innermost.
#[derive(Debug, Default)]
pub(super) struct Tagger {
    pub tree: TagTree,
    stack: Vec<NodeId>,
}

impl Tagger {
    /// Open a group inside the current one.
    pub(super) fn open(&mut self, role: Role) -> NodeId {
        let id = self.tree.add(self.stack.last().copied(), role);
        self.stack.push(id);
        id
    }

    pub(super) fn close(&mut self) {
        let closed = self.stack.pop();
        debug_assert!(closed.is_some(), "a group closed that was not open");
    }

    /// A group inside the current one, not opened.
    pub(super) fn child(&mut self, role: Role) -> NodeId {
        self.tree.add(self.stack.last().copied(), role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_keep_reading_order_across_groups() {
        let mut t = Tagger::default();
        let p = t.open(Role::Paragraph);
        let a = t.tree.content(p);
        let link = t.child(Role::Link { alt: "x".into() });
        let b = t.tree.content(link);
        let c = t.tree.content(p);
        t.close();
        assert_eq!(t.tree.root, vec![Child::Node(p)]);
        assert_eq!(t.tree.nodes[p as usize].children, vec![Child::Content(0), Child::Node(link), Child::Content(2)]);
        assert_eq!((a, b, c), (Mark::Content(0), Mark::Content(1), Mark::Content(2)));
    }

    #[test]
    fn front_matter_moves_before_the_body() {
        let mut t = TagTree::default();
        let body = t.add(None, Role::Section);
        let n = t.root.len();
        let cover = t.add(None, Role::Title);
        t.move_to_front(n);
        assert_eq!(t.root, vec![Child::Node(cover), Child::Node(body)]);
    }
}
