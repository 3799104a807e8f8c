//! The roles of a cluster: Cụm trưởng (the leader) and Cụm phó (the
//! deputy), as articles write them.

/// A role in a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Leader,
    Deputy,
}

/// The words of each role, lower case, the deputy's first: "phó cụm
/// trưởng" holds "cụm trưởng".
pub const WORDS: [(&str, Role); 3] = [
    ("phó cụm trưởng", Role::Deputy),
    ("cụm phó", Role::Deputy),
    ("cụm trưởng", Role::Leader),
];

/// The role named in the lower-cased `text`, the deputy's when both are.
pub fn role_in(text: &str) -> Option<Role> {
    if text.contains("phó cụm") || text.contains("cụm phó") {
        Some(Role::Deputy)
    } else if text.contains("cụm trưởng") {
        Some(Role::Leader)
    } else {
        None
    }
}

/// The role that starts the lower-cased `text`, and the text after it.
pub fn role_at_start(text: &str) -> Option<(Role, &str)> {
    WORDS
        .iter()
        .find_map(|(w, r)| text.strip_prefix(w).map(|rest| (*r, rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_their_look_alikes() {
        assert_eq!(role_in("đơn vị cụm trưởng"), Some(Role::Leader));
        assert_eq!(role_in("phó cụm trưởng"), Some(Role::Deputy));
        assert_eq!(role_in("cụm phó"), Some(Role::Deputy));
        assert_eq!(role_in("trưởng cụm công tác"), None);
        assert_eq!(
            role_at_start("cụm phó năm sau"),
            Some((Role::Deputy, " năm sau"))
        );
        assert_eq!(role_at_start("các cụm trưởng"), None);
    }
}
