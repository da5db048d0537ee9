//! Which group of the structure tree a placed run belongs to: a
//! paragraph's runs are content of its group, or of the link they are part
//! of (the link's group is made when its first run is placed, so a link
//! that wraps over lines or pages stays one group).

use super::para::Flat;
use super::tags::{Mark, NodeId, Role, TagTree};

pub(super) struct Marker {
    /// The group the runs are content of.
    pub node: NodeId,
    links: Vec<Option<NodeId>>,
}

impl Marker {
    pub(super) fn new(node: NodeId, flat: &Flat) -> Marker {
        Marker { node, links: vec![None; flat.links.len()] }
    }

    /// The group of the paragraph's link `link`.
    pub(super) fn link_node(&mut self, tree: &mut TagTree, flat: &Flat, link: usize) -> Option<NodeId> {
        let node = self.node;
        let slot = self.links.get_mut(link)?;
        Some(*slot.get_or_insert_with(|| tree.add(Some(node), Role::Link { alt: link_alt(flat, link) })))
    }

    /// A new leaf for one run, in its link's group if it is part of one.
    pub(super) fn mark(&mut self, tree: &mut TagTree, flat: &Flat, link: Option<usize>) -> Mark {
        let node = link.and_then(|l| self.link_node(tree, flat, l)).unwrap_or(self.node);
        tree.content(node)
    }
}

/// The tree and the marker that places one paragraph's runs in it.
pub(super) struct Pen<'a> {
    pub tree: &'a mut TagTree,
    pub marker: &'a mut Marker,
}

/// What a link says: its text, or where it goes when it has none.
fn link_alt(flat: &Flat, link: usize) -> String {
    let text: String = flat
        .chars
        .iter()
        .zip(&flat.style)
        .filter(|(_, s)| flat.styles.get(**s as usize).is_some_and(|st| st.link == Some(link)))
        .map(|(c, _)| *c)
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match (text.is_empty(), flat.links.get(link)) {
        (true, Some(super::LinkRef::Uri(u) | super::LinkRef::Anchor(u))) => u.clone(),
        _ => text,
    }
}
