//! Everything loaded from one project.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Calendar, Document, Glossary, Programme, Provider, Service, SeverityScale, Site};
use crate::image::ImageFile;
use crate::source::FileId;

#[derive(Clone, Debug)]
pub struct Project {
    pub site: Site,
    pub providers: Vec<Provider>,
    pub services: Vec<Service>,
    pub programmes: Vec<Programme>,
    pub scales: Vec<SeverityScale>,
    pub calendars: Vec<Calendar>,
    pub glossaries: Vec<Glossary>,
    pub documents: Vec<Document>,
    pub images: Images,
}

impl Project {
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|x| x.id.as_str() == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|x| x.id.as_str() == id)
    }
    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|x| x.id.as_str() == id)
    }
    pub fn scale(&self, id: &str) -> Option<&SeverityScale> {
        self.scales.iter().find(|x| x.id.as_str() == id)
    }
    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|x| x.id.as_str() == id)
    }
    pub fn glossary(&self, id: &str) -> Option<&Glossary> {
        self.glossaries.iter().find(|x| x.id.as_str() == id)
    }
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|x| x.id.as_str() == id)
    }

    /// The other editions of `d`: the document it translates, the other
    /// translations of that one, and its own translations; in project order.
    pub fn editions(&self, d: &Document) -> Vec<&Document> {
        let root = d.translation_of.as_ref().map_or(d.id.as_str(), |r| r.as_str());
        self.documents
            .iter()
            .filter(|x| x.id.as_str() != d.id.as_str())
            .filter(|x| x.id.as_str() == root || x.translation_of.as_ref().is_some_and(|r| r.as_str() == root))
            .filter(|x| x.language.value != d.language.value)
            .collect()
    }

    /// The severity scale a programme uses, if it names one that exists.
    /// The programme's first (or only) severity scale.
    pub fn scale_of(&self, p: &Programme) -> Option<&SeverityScale> {
        p.scale.as_ref().and_then(|s| self.scale(s.as_str()))
    }

    /// Every severity scale of the programme that exists, with its targets.
    pub fn scales_of<'a>(&'a self, p: &'a Programme) -> Vec<(&'a SeverityScale, &'a crate::model::Targets)> {
        p.scale_targets().into_iter().filter_map(|(r, t)| Some((self.scale(r?.as_str())?, t))).collect()
    }

    /// A severity level of any of the programme's scales.
    pub fn severity_level<'a>(&'a self, p: &'a Programme, id: &str) -> Option<&'a crate::model::SeverityLevel> {
        self.scales_of(p).into_iter().find_map(|(s, _)| s.level(id))
    }

    /// The programme a document draws on: its own, or its service's.
    pub fn programme_of(&self, d: &Document) -> Option<&Programme> {
        if let Some(p) = &d.programme {
            return self.programme(p.as_str());
        }
        let s = self.service(d.service.as_ref()?.as_str())?;
        self.programme(s.support.as_ref()?.as_str())
    }

    pub fn service_of(&self, d: &Document) -> Option<&Service> {
        self.service(d.service.as_ref()?.as_str())
    }

    /// The provider a document is published by.
    pub fn provider_of(&self, d: &Document) -> Option<&Provider> {
        if let Some(p) = &d.provider {
            return self.provider(p.as_str());
        }
        if let Some(s) = self.service_of(d) {
            return self.provider(s.provider.as_str());
        }
        self.programme_of(d).and_then(|p| self.provider(p.provider.as_str()))
    }
}

/// Whether a block of a section has something to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockStatus {
    Ready,
    /// The document has no service (for a service block).
    NoService,
    /// The document has no programme (for a programme block).
    NoProgramme,
    NoProvider,
    /// The data the block shows is not defined; names the field.
    Missing(&'static str),
    /// The block's argument names nothing (reported by reference checks).
    UnknownTarget,
    /// The block needs an argument and has none.
    NoTarget,
    /// The data names something that does not exist (the severity scale,
    /// say); reported where it is named, not again for the block.
    BrokenData,
}

/// The images the content names, read and checked by the loader: by the
/// file that names one and its source as written there (a relative path
/// means a different file in another folder); `None` for one that could
/// not be read, and so was reported where it is named.
#[derive(Clone, Debug, Default)]
pub struct Images {
    by_use: HashMap<(FileId, String), Option<Arc<ImageFile>>>,
}

impl Images {
    pub fn get(&self, file: FileId, src: &str) -> Option<&Arc<ImageFile>> {
        self.by_use.get(&(file, src.to_string()))?.as_ref()
    }

    /// Whether the image was named but could not be read.
    pub fn reported(&self, file: FileId, src: &str) -> bool {
        matches!(self.by_use.get(&(file, src.to_string())), Some(None))
    }

    /// What reading the image named at `file`, `src` gave.
    pub(crate) fn insert(&mut self, file: FileId, src: &str, image: Option<Arc<ImageFile>>) {
        self.by_use.insert((file, src.to_string()), image);
    }
}

/// A document's brand as shown: its provider's logo, colour and footer
/// line, each the site's where the provider gives none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShownBrand {
    pub logo: Option<Arc<ImageFile>>,
    /// What the logo says: the provider's name (else the site's title).
    pub logo_alt: String,
    pub accent: Option<(u8, u8, u8)>,
    pub footer: Option<String>,
    pub cover: super::Cover,
}

impl Project {
    pub fn brand_of(&self, d: &super::Document, lang: super::values::Lang) -> ShownBrand {
        let site = &self.site.brand;
        let provider = self.provider_of(d);
        let own = provider.map(|p| &p.brand);
        let own_logo = own.and_then(|b| b.logo.as_ref());
        let logo = own_logo.or(site.logo.as_ref());
        ShownBrand {
            logo: logo.and_then(|l| self.images.get(l.span.file, &l.value)).cloned(),
            // The logo says whose it is: the provider's, or the site's.
            logo_alt: match (provider, own_logo) {
                (Some(p), Some(_)) => p.name.best(lang).to_string(),
                _ => self.site.title.best(lang).to_string(),
            },
            accent: own.and_then(|b| b.color.as_ref()).or(site.color.as_ref()).map(|c| c.value),
            footer: own
                .and_then(|b| b.footer.as_ref())
                .or(site.footer.as_ref())
                .map(|t| t.best(lang).trim().to_string()),
            cover: own.and_then(|b| b.cover).or(site.cover).unwrap_or_default(),
        }
    }
}
