// Numéro Unique of a social-housing request (NUR in Île-de-France, NUD
// elsewhere; guide §1 and §3) and the registration site of each department.
// Pure functions, no I/O.
//
// The number is "non signifiant" (CNIL): it is validated loosely, 18 characters
// A-Z / 0-9 once spaces and dashes are removed, case-insensitive; its inner
// structure (territory, month, year, sequence, desk) is never checked.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alin::domain {

inline constexpr std::size_t kNumeroUniqueLength = 18;

// Removes spaces (ASCII and no-break), tabs and dashes (-, ‐, ‑, –), upper-cases
// ASCII letters; everything else is kept as is, so that checkNumeroUnique can
// refuse it. "1110 9206 2111-4acl og" -> "1110920621114ACLOG".
std::string normalizeNumeroUnique(std::string_view raw);
// nullopt when valid, else the catalogue key of the error:
// "error.nu.required" (nothing typed) or "error.nu.invalid" (not 18 A-Z/0-9).
std::optional<std::string> checkNumeroUnique(std::string_view raw);
// True when `normalized` is exactly 18 characters A-Z/0-9.
bool isNormalizedNumeroUnique(std::string_view normalized);

// ---------------------------------------------------------------- registration sites
// Departments with their own registration site ("SDE") and the national portal
// ("SNE") for all others; from assets/data/registration_sites.json, which an
// operator can edit. Department codes as in INSEE: "01".."95", "2A", "2B", "971".."976".

struct RegistrationSite {
    std::string url;
    std::string name;  // e.g. "Demande de logement 29 (Finistère)"; may be empty
    std::vector<std::string> departments;
};

struct RegistrationSites {
    std::string nationalUrl = "https://www.demande-logement-social.gouv.fr";
    std::string nationalName;
    std::vector<RegistrationSite> sites;
};

// Parses the JSON text of registration_sites.json. nullopt when the text is not
// valid JSON or misses "national.url" / "sites"; unusable entries are skipped.
std::optional<RegistrationSites> parseRegistrationSites(std::string_view jsonText);

// "1" -> "01", "2a" -> "2A", " 29 " -> "29", "971" -> "971"; nullopt for
// anything that is not a French department code (00, 20, 96, 99, 977, ...).
std::optional<std::string> normalizeDepartmentCode(std::string_view raw);

// The site where a request for this department must be registered: its own
// site, or the national portal (also for an unknown code).
const std::string& registrationSiteUrl(const RegistrationSites& sites, std::string_view department);
// The department's own site; nullptr when it has none (the national portal then).
const RegistrationSite* departmentalSite(const RegistrationSites& sites, std::string_view department);

}  // namespace alin::domain
