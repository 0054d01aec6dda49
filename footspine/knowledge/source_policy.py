"""Which source addresses a knowledge file may not cite.

A reader who follows a citation must land on the publisher's own page: a guideline copied onto a
blog, a paper uploaded to a document-sharing site or a mirror of a paid service can be altered,
out of date or gone tomorrow, and a closed service (guideline.gov shut in 2018) is a dead end.
The validator refuses these hosts (FS022); the list grows as copies are found. Only the loader
imports this module, so the hot path never pays for `urllib`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

COPY_SITE_HOSTS: frozenset[str] = frozenset(
    {
        # document-sharing and upload sites
        "scribd.com",
        "studylib.net",
        "coek.info",
        "readkong.com",
        "arietiform.com",
        "pdfcoffee.com",
        "dokumen.pub",
        "slideshare.net",
        "yumpu.com",
        "docplayer.net",
        "academia.edu",
        "researchgate.net",
        "coursehero.com",
        # blogs, clinics and summaries that reproduce other publishers' text
        "barabone.blog",
        "aspenphysio.co.uk",
        "independentpharmacist.co.uk",
        "iatrox.com",
        "mims.co.uk",
        "iosteopathy.org",
        "kiraspecialist.com",
        "seekhealthz.com",
        "deductmd.com",
        "mrcsbank.com",
        "gowdaortho.com",
        "miorthosurgeons.com",
        "chiropractorintustin.com",
        "healthcentral.com",
        "infomedhealth.com",
        "acibademhealthpoint.com",
        "mitchmedical.us",
        "practicalpainmanagement.com",
        "clinicaladvisor.com",
        "eorthopod.com",
        "healthmedicinet.com",
        "pabau.com",
        "diseasedb.com",
        "umem.org",
        # wikis and mirrors of other wikis
        "wikimili.com",
        "wikisum.wiki",
        "neurosurgerywiki.com",
        "wikimsk.org",
        # book and paid-service mirrors
        "musculoskeletalkey.com",
        "clinicalgate.com",
        "download.skyscape.com",
        "etg-complete-oxy.netlify.app",
        "bestpractice-bmj-com.bibliotheek.ehb.be",
        "knowledge.manus.amboss.com",
        "emergency.unboundmedicine.com",
        "step1.medbullets.com",
        "guidelinecentral.com",
        # web archives (cite the publisher; archives are for reading, not citing)
        "webarchive.library.unt.edu",
        "cybercemetery.unt.edu",
        "web.archive.org",
        "archive.org",
        "archive.ph",
        # more mirrors, proxies and copy sites found while replacing the sources; StatPearls is
        # cited through NCBI Bookshelf or PubMed, its publisher of record
        "koreamed.org",
        "skyscape.com",
        "gpnotebook.com",
        "netlify.app",
        "unboundmedicine.com",
        "medbullets.com",
        "hub.tmu.edu.tw",
        "bibliotheek.ehb.be",
        "springermedizin.de",
        "physio-pedia.com",
        "orthopedicnewjersey.com",
        "skh.com.sg",
        "resident360.nejm.org",
        "statpearls.com",
        "docsbay.net",
        "vdocuments.site",
        "vdocuments.mx",
        "wixlib.com",
        "info.5y1.org",
        "kipdf.com",
        "9pdf.net",
        "droracle.ai",
        "proxy.weglot.com",
        "websiteproxy.net",
        "app.altruwe.org",
        "docslib.org",
        # closed services
        "guideline.gov",
        "ngc.gov",
    }
)


def copy_site(url: str) -> str | None:
    """The listed host that `url` is on (a subdomain counts), or None."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    parts = host.split(".")
    for start in range(len(parts) - 1):
        candidate = ".".join(parts[start:])
        if candidate in COPY_SITE_HOSTS:
            return candidate
    return None
