//! Where every output file goes and how pages link to it: the one authority
//! for the site's addresses.
//!
//! Every address here is relative to the site root, with '/' separators, and
//! is both the file's path under the output folder and its link from the home
//! page. A page links to it as `root` (the way back to the site root, see
//! [`root_of`]) followed by the address, or by [`relative_to`] for a link
//! between files of one folder.
//!
//! The folder of each section is named once, in [`Sections`]; its default is
//! the site's published layout. The file names inside a section (a dossier's,
//! the data exports') are the constants below.

use crate::model::ClusterKey;

/// The name of a folder's page: a section's list, a cluster's, a unit's page.
pub const INDEX: &str = "index.html";
/// The page served for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// A cluster's or a year's printable dossier, beside its page.
pub const DOSSIER: &str = "ho-so.html";
/// The search index script the search page loads first, in the search folder.
pub const SEARCH_INDEX: &str = "search-index.js";
/// Only with a base URL.
pub const SITEMAP: &str = "sitemap.xml";
/// Only with a base URL.
pub const FEED: &str = "atom.xml";
/// The list of the files a build made, at the root of the output folder.
pub const MANIFEST: &str = "baocao-manifest.json";
/// The slug of a write-up whose file name gives none.
pub const FALLBACK_SLUG: &str = "hoi-nghi";

/// The way back to the site root from the pages one level inside a section's
/// item (`cum/<cluster>/`, `don-vi/<unit>/`, `nam/<year>/`, `chu-de/<tag>/`,
/// `danh-hieu/<honour>/`), their dossiers included: every such address is
/// `<section>/<name>/<file>`.
pub const LIST_ROOT: &str = "../../";

/// The folder of each section of the site, under the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sections {
    /// A page per write-up (and its photos and documents).
    pub conferences: &'static str,
    pub clusters: &'static str,
    pub units: &'static str,
    pub years: &'static str,
    pub honours: &'static str,
    pub tags: &'static str,
    /// The search page and its index.
    pub search: &'static str,
    /// The exports: CSV and JSON.
    pub data: &'static str,
    /// The theme's static files (style sheet, scripts, icon).
    pub assets: &'static str,
}

impl Default for Sections {
    fn default() -> Sections {
        Sections {
            conferences: "hoi-nghi",
            clusters: "cum",
            units: "don-vi",
            years: "nam",
            honours: "danh-hieu",
            tags: "chu-de",
            search: "tim-kiem",
            data: "data",
            assets: "static",
        }
    }
}

/// The address of every kind of output, for a given set of section folders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Urls {
    pub sections: Sections,
}

impl Urls {
    pub fn new(sections: Sections) -> Urls {
        Urls { sections }
    }

    /// `<folder>/index.html`.
    fn index_of(folder: &str) -> String {
        format!("{folder}/{INDEX}")
    }

    pub fn home(&self) -> String {
        INDEX.to_string()
    }

    pub fn not_found(&self) -> String {
        NOT_FOUND.to_string()
    }

    /// A write-up's folder: its page, photos and documents go there.
    pub fn conference_folder(&self, slug: &str) -> String {
        format!("{}/{slug}", self.sections.conferences)
    }

    /// A write-up's page, by its slug.
    pub fn conference(&self, slug: &str) -> String {
        Self::index_of(&self.conference_folder(slug))
    }

    pub fn clusters(&self) -> String {
        Self::index_of(self.sections.clusters)
    }

    pub fn cluster(&self, key: &ClusterKey) -> String {
        format!("{}/{}/{INDEX}", self.sections.clusters, key.slug())
    }

    pub fn cluster_dossier(&self, key: &ClusterKey) -> String {
        format!("{}/{}/{DOSSIER}", self.sections.clusters, key.slug())
    }

    /// A cluster's conferences as CSV.
    pub fn cluster_csv(&self, key: &ClusterKey) -> String {
        self.data(&format!("{}.csv", key.slug()))
    }

    pub fn units(&self) -> String {
        Self::index_of(self.sections.units)
    }

    /// A unit's page, by its slug.
    pub fn unit(&self, slug: &str) -> String {
        format!("{}/{slug}/{INDEX}", self.sections.units)
    }

    /// A long unit page's year, beside the page: `<unit>/nam-<year>.html`
    /// (as deep as the page, so the lists' cached rows link from it too).
    pub fn unit_year(&self, slug: &str, year: i32) -> String {
        format!("{}/{slug}/nam-{year}.html", self.sections.units)
    }

    pub fn years(&self) -> String {
        Self::index_of(self.sections.years)
    }

    pub fn year(&self, year: i32) -> String {
        format!("{}/{year}/{INDEX}", self.sections.years)
    }

    pub fn year_dossier(&self, year: i32) -> String {
        format!("{}/{year}/{DOSSIER}", self.sections.years)
    }

    pub fn honours(&self) -> String {
        Self::index_of(self.sections.honours)
    }

    /// An honour title's page, by its slug.
    pub fn honour(&self, slug: &str) -> String {
        format!("{}/{slug}/{INDEX}", self.sections.honours)
    }

    /// A long honour page's year, beside the page: `<honour>/nam-<year>.html`.
    pub fn honour_year(&self, slug: &str, year: i32) -> String {
        format!("{}/{slug}/nam-{year}.html", self.sections.honours)
    }

    pub fn tags(&self) -> String {
        Self::index_of(self.sections.tags)
    }

    /// A tag's page, by its slug.
    pub fn tag(&self, slug: &str) -> String {
        format!("{}/{slug}/{INDEX}", self.sections.tags)
    }

    /// The search page.
    pub fn search(&self) -> String {
        Self::index_of(self.sections.search)
    }

    /// A file of the search index, by its path inside the search folder.
    pub fn search_file(&self, name: &str) -> String {
        format!("{}/{name}", self.sections.search)
    }

    /// The script the search page loads first.
    pub fn search_index(&self) -> String {
        self.search_file(SEARCH_INDEX)
    }

    /// Whether `path` is a script of the search index.
    pub fn is_search_file(&self, path: &str) -> bool {
        path.strip_prefix(self.sections.search)
            .is_some_and(|rest| rest.starts_with('/') && rest.ends_with(".js"))
    }

    /// An export, by its file name in the data folder.
    pub fn data(&self, name: &str) -> String {
        format!("{}/{name}", self.sections.data)
    }

    /// Whether `path` is in the data folder.
    pub fn is_data_file(&self, path: &str) -> bool {
        path.strip_prefix(self.sections.data)
            .is_some_and(|rest| rest.starts_with('/'))
    }

    /// Whether `path` is a dossier (a cluster's or a year's) or a volume of
    /// one.
    pub fn is_dossier(path: &str) -> bool {
        let name = path.rsplit('/').next().unwrap_or_default();
        path.contains('/')
            && (name == DOSSIER
                || name
                    .strip_prefix("ho-so-")
                    .is_some_and(|rest| rest.ends_with(".html")))
    }

    /// A volume of a long dossier: a cluster's write-ups of one year, beside
    /// the cluster's dossier; `part` (from 1) when the year fills more than
    /// one volume.
    pub fn cluster_volume(&self, key: &ClusterKey, year: i32, part: Option<usize>) -> String {
        let part = part.map(|p| format!("-{p}")).unwrap_or_default();
        format!(
            "{}/{}/ho-so-{year}{part}.html",
            self.sections.clusters,
            key.slug()
        )
    }

    /// A volume of a long year dossier: the year's write-ups of no cluster,
    /// beside the year's dossier.
    pub fn year_volume(&self, year: i32, part: Option<usize>) -> String {
        let part = part.map(|p| format!("-{p}")).unwrap_or_default();
        format!("{}/{year}/ho-so-khac{part}.html", self.sections.years)
    }

    /// Every write-up as CSV.
    pub fn conferences_csv(&self) -> String {
        self.data("conferences.csv")
    }

    /// Every write-up as JSON.
    pub fn conferences_json(&self) -> String {
        self.data("conferences.json")
    }

    /// The derived facts of every cluster and year.
    pub fn clusters_json(&self) -> String {
        self.data("clusters.json")
    }

    /// The same facts as a table, one row per cluster-year.
    pub fn cluster_years_csv(&self) -> String {
        self.data("cluster-years.csv")
    }

    /// Every honour of every write-up.
    pub fn honours_csv(&self) -> String {
        self.data("honours.csv")
    }

    pub fn sitemap(&self) -> String {
        SITEMAP.to_string()
    }

    pub fn feed(&self) -> String {
        FEED.to_string()
    }

    /// A static file of the theme or the site, by its path in the static folder.
    pub fn asset(&self, name: &str) -> String {
        format!("{}/{name}", self.sections.assets)
    }

    /// The addresses templates use that do not depend on the page, as `urls` in
    /// every template (`{{ root }}{{ urls.clusters }}`).
    pub fn template_links(&self) -> TemplateLinks {
        TemplateLinks {
            home: self.home(),
            clusters: self.clusters(),
            units: self.units(),
            years: self.years(),
            honours: self.honours(),
            tags: self.tags(),
            search: self.search(),
            conferences_csv: self.conferences_csv(),
            conferences_json: self.conferences_json(),
            clusters_json: self.clusters_json(),
            cluster_years_csv: self.cluster_years_csv(),
            honours_csv: self.honours_csv(),
            assets: self.asset(""),
        }
    }
}

/// The fixed addresses, from the site root, as templates see them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TemplateLinks {
    pub home: String,
    pub clusters: String,
    pub units: String,
    pub years: String,
    pub honours: String,
    pub tags: String,
    pub search: String,
    pub conferences_csv: String,
    pub conferences_json: String,
    pub clusters_json: String,
    pub cluster_years_csv: String,
    pub honours_csv: String,
    /// The static folder, ending with '/': `{{ root }}{{ urls.assets }}style.css`.
    pub assets: String,
}

/// The address of the file at `path` under the base URL `base` (which ends
/// with '/'): a folder's page is the folder's address, ending with '/'.
pub fn under_base(base: &str, path: &str) -> String {
    format!("{base}{}", path.strip_suffix(INDEX).unwrap_or(path))
}

/// The way back to the site root from the file at `path`: one `../` per folder.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The link from the file at `from` to the file at `to`, both from the site
/// root: the shortest relative one (`ho-so.html` from its cluster's page).
pub fn relative_to(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = match from.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_dirs, to_file) = to_parts.split_at(to_parts.len() - 1);
    let common = from_dirs
        .iter()
        .zip(to_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    for d in &to_dirs[common..] {
        out.push_str(d);
        out.push('/');
    }
    out.push_str(to_file.first().copied().unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ClusterKey {
        ClusterKey {
            bloc: None,
            number: 2,
        }
    }

    #[test]
    fn default_addresses_are_the_published_layout() {
        let u = Urls::default();
        assert_eq!(
            u.conference("cum-2/tong-ket"),
            "hoi-nghi/cum-2/tong-ket/index.html"
        );
        assert_eq!(u.cluster(&key()), "cum/cum-2/index.html");
        assert_eq!(u.cluster_dossier(&key()), "cum/cum-2/ho-so.html");
        assert_eq!(u.cluster_csv(&key()), "data/cum-2.csv");
        assert_eq!(u.unit("lai-chau"), "don-vi/lai-chau/index.html");
        assert_eq!(u.year_dossier(2023), "nam/2023/ho-so.html");
        assert_eq!(
            u.cluster_volume(&key(), 2023, None),
            "cum/cum-2/ho-so-2023.html"
        );
        assert_eq!(
            u.cluster_volume(&key(), 2023, Some(2)),
            "cum/cum-2/ho-so-2023-2.html"
        );
        assert_eq!(u.year_volume(2023, None), "nam/2023/ho-so-khac.html");
        for dossier in [
            u.cluster_dossier(&key()),
            u.year_dossier(2023),
            u.cluster_volume(&key(), 2023, Some(2)),
            u.year_volume(2023, None),
        ] {
            assert!(Urls::is_dossier(&dossier), "{dossier}");
        }
        assert!(!Urls::is_dossier("ho-so.html"));
        assert!(!Urls::is_dossier(&u.cluster(&key())));
        assert!(!Urls::is_dossier(&u.unit_year("x", 2020)));
        assert_eq!(u.search_index(), "tim-kiem/search-index.js");
        assert_eq!(u.asset("style.css"), "static/style.css");
        assert!(u.is_search_file("tim-kiem/idx/ab.js"));
        assert!(!u.is_search_file("tim-kiem-x/a.js"));
        assert!(u.is_data_file("data/cum-2.csv"));
        assert!(!u.is_data_file("database.html"));
    }

    #[test]
    fn list_pages_and_dossiers_stand_at_list_root() {
        let u = Urls::default();
        for path in [
            u.cluster(&key()),
            u.cluster_dossier(&key()),
            u.unit("x"),
            u.unit_year("x", 2020),
            u.year(2020),
            u.year_dossier(2020),
            u.cluster_volume(&key(), 2020, Some(3)),
            u.year_volume(2020, None),
            u.honour("x"),
            u.honour_year("x", 2020),
            u.tag("x"),
        ] {
            assert_eq!(root_of(&path), LIST_ROOT, "{path}");
        }
    }

    #[test]
    fn relative_links_climb_only_out_of_what_differs() {
        assert_eq!(
            relative_to("cum/cum-2/index.html", "cum/cum-2/ho-so.html"),
            "ho-so.html"
        );
        assert_eq!(
            relative_to("tim-kiem/index.html", "tim-kiem/search-index.js"),
            "search-index.js"
        );
        assert_eq!(
            relative_to("index.html", "data/conferences.csv"),
            "data/conferences.csv"
        );
        assert_eq!(
            relative_to("nam/2023/index.html", "cum/cum-2/index.html"),
            "../../cum/cum-2/index.html"
        );
    }
}
