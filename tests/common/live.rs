//! The live preview's output compared with a full build, for tests/live.rs
//! and tests/regression.rs.

use std::collections::BTreeMap;

use baocao::config::{self, Overrides};
use baocao::live::LiveSite;

use super::Site;

/// Every page the live site holds, its data files refreshed first.
pub fn pages(live: &mut LiveSite) -> BTreeMap<String, Vec<u8>> {
    live.refresh_data();
    live.output
        .iter()
        .map(|(p, f)| (p.clone(), f.bytes.clone()))
        .collect()
}

/// The pages of a fresh full load of `site`.
pub fn fresh(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let config = config::load(site.root(), &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    assert!(!live.has_errors(), "{:?}", live.diagnostics);
    pages(&mut live)
}

/// Asserts the live site holds exactly the pages a full load of `site` gives;
/// `what` names the edit in the message.
pub fn assert_same(live: &mut LiveSite, site: &Site, what: &str) {
    let incremental = pages(live);
    let full = fresh(site);
    let only_inc: Vec<&String> = incremental
        .keys()
        .filter(|k| !full.contains_key(*k))
        .collect();
    let only_full: Vec<&String> = full
        .keys()
        .filter(|k| !incremental.contains_key(*k))
        .collect();
    assert!(
        only_inc.is_empty() && only_full.is_empty(),
        "{what}: stale {only_inc:?}, missing {only_full:?}"
    );
    for (path, bytes) in &full {
        let inc = &incremental[path];
        if inc != bytes {
            let at = inc.iter().zip(bytes).position(|(a, b)| a != b).unwrap_or(0);
            let around = |b: &[u8]| {
                String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())])
                    .into_owned()
            };
            panic!(
                "{what}: {path} differs from a full build at byte {at}:\nincremental: {:?}\nfull:        {:?}",
                around(inc),
                around(bytes)
            );
        }
    }
}
